using System.Collections.Immutable;

namespace WritersRoom.Web.Bible;

/// <summary>The single-instance bus: handlers run synchronously on publish.</summary>
public sealed class InProcessInvalidationBus : IScriptInvalidationBus
{
    private ImmutableList<Action<Guid>> _handlers = [];

    public Task PublishAsync(Guid scriptId, CancellationToken ct = default)
    {
        foreach (var handler in Volatile.Read(ref _handlers)) handler(scriptId);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Action<Guid> handler)
    {
        ImmutableInterlocked.Update(ref _handlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref _handlers, list => list.Remove(handler)));
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? _dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref _dispose, null)?.Invoke();
    }
}
