using System.Threading.Channels;

namespace WritersRoom.Web.Components.Editor.Review;

/// <summary>The writer asked to see (or start) the comments on a paragraph: a marker click or Ctrl+Alt+M in the editor.</summary>
public sealed record FocusComments(Guid? BlockId, bool Compose);

/// <summary>
/// One editor's relay to its panels: the session's events (comments, history, revision mode) and the editor's own
/// requests (<see cref="FocusComments"/>). One per editor component, never a service: each circuit has its own.
/// <see cref="Publish"/> only enqueues, so the editor's pump never waits on a panel; a loop of its own hands the
/// messages to the handlers in order, and each panel re-renders through its own InvokeAsync.
/// </summary>
public sealed class EditorEvents : IDisposable
{
    private readonly Lock gate = new();
    private readonly List<Func<object, Task>> handlers = [];
    private readonly Channel<object> queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task loop;

    public EditorEvents() => loop = Task.Run(DispatchAsync);

    /// <summary>Told when a handler fails; the next messages are still delivered.</summary>
    public Action<Exception>? OnError { get; set; }

    public IDisposable Subscribe(Func<object, Task> handler)
    {
        lock (gate) handlers.Add(handler);
        return new Subscription(this, handler);
    }

    /// <summary>Never blocks: safe under a session's lock and on the editor's pump.</summary>
    public void Publish(object message) => queue.Writer.TryWrite(message);

    private async Task DispatchAsync()
    {
        await foreach (var message in queue.Reader.ReadAllAsync())
        {
            Func<object, Task>[] current;
            lock (gate) current = [.. handlers];
            foreach (var handler in current)
            {
                try
                {
                    await handler(message);
                }
                catch (Exception e)
                {
                    OnError?.Invoke(e);
                }
            }
        }
    }

    /// <summary>Takes no more messages; the loop ends once it has handed over those already queued.</summary>
    public void Dispose() => queue.Writer.TryComplete();

    /// <summary>Ends when every message published before <see cref="Dispose"/> has been handled.</summary>
    public Task Completion => loop;

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
