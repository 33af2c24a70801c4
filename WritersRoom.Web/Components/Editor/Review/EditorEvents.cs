using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Components.Editor.Review;

/// <summary>The writer asked to see (or start) the comments on a paragraph: a marker click or Ctrl+Alt+M in the editor.</summary>
public sealed record FocusComments(Guid? BlockId, bool Compose);

/// <summary>
/// One editor's relay to its panels: the session's events (comments, history, revision mode) and the editor's own
/// requests (<see cref="FocusComments"/>). One per editor component, never a service: each circuit has its own.
/// Handlers run in order and are awaited, so a panel re-renders through its own InvokeAsync.
/// </summary>
public sealed class EditorEvents
{
    private readonly Lock gate = new();
    private readonly List<Func<object, Task>> handlers = [];

    public IDisposable Subscribe(Func<object, Task> handler)
    {
        lock (gate) handlers.Add(handler);
        return new Subscription(this, handler);
    }

    public async Task PublishAsync(object message)
    {
        Func<object, Task>[] current;
        lock (gate) current = [.. handlers];
        foreach (var handler in current) await handler(message);
    }

    private sealed class Subscription(EditorEvents owner, Func<object, Task> handler) : IDisposable
    {
        public void Dispose()
        {
            lock (owner.gate) owner.handlers.Remove(handler);
        }
    }
}

/// <summary>A paragraph with open comment threads, as the editor marks it in the margin.</summary>
public sealed record CommentMarker(Guid BlockId, int Count, bool Active);
