using System.Collections.Concurrent;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Bible;

/// <summary>
/// Per-script global context in process memory. Concurrent callers share one load by caching the Task; a
/// failed load is not cached. Invalidate when the logline, the approved outline or a main character's sheet
/// changes: it drops the entry here and, through the bus, on the other instances.
/// </summary>
public sealed class GlobalContextCache : IDisposable
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<GlobalContext>>> _entries = new();
    private readonly GlobalContextLoader _loader;
    private readonly IScriptInvalidationBus _bus;
    private readonly IDisposable _subscription;
    private long _hits;
    private long _misses;

    public GlobalContextCache(GlobalContextLoader loader, IScriptInvalidationBus bus)
    {
        _loader = loader;
        _bus = bus;
        _subscription = bus.Subscribe(Evict);
    }

    public long Hits => Interlocked.Read(ref _hits);
    public long Misses => Interlocked.Read(ref _misses);
    public double HitRate => Hits + Misses == 0 ? 0 : (double)Hits / (Hits + Misses);

    public Task<GlobalContext> Get(Guid scriptId)
    {
        var created = new Lazy<Task<GlobalContext>>(() => LoadAsync(scriptId));
        var entry = _entries.GetOrAdd(scriptId, created);
        if (ReferenceEquals(entry, created)) Interlocked.Increment(ref _misses);
        else Interlocked.Increment(ref _hits);
        return entry.Value;
    }

    public Task Invalidate(Guid scriptId, CancellationToken ct = default)
    {
        Evict(scriptId);
        return _bus.PublishAsync(scriptId, ct);
    }

    private async Task<GlobalContext> LoadAsync(Guid scriptId)
    {
        try
        {
            // Not the caller's token: the load is shared, one caller's cancellation must not fail the others.
            return await _loader.LoadAsync(scriptId, CancellationToken.None);
        }
        catch
        {
            Evict(scriptId);
            throw;
        }
    }

    private void Evict(Guid scriptId) => _entries.TryRemove(scriptId, out _);

    public void Dispose() => _subscription.Dispose();
}
