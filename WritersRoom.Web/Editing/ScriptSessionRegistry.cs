using System.Collections.Concurrent;
using System.Diagnostics;
using WritersRoom.Data.Scripts;
using WritersRoom.Web.Editing.History;

namespace WritersRoom.Web.Editing;

/// <summary>
/// One live session per script on this instance. The first writer's request loads it (two queries); everyone
/// after attaches to the same object without touching the database. Concurrent first opens share one load
/// (the Task is cached, not a lock around I/O). Idle sessions are unloaded by <see cref="Sweep"/>.
/// </summary>
public sealed class ScriptSessionRegistry(ScriptDocumentLoader loader, ICommitQueue commits, ISnapshotQueue snapshots, IEditingFanOut fanOut,
    EditingMetrics metrics, ILogger<ScriptSessionRegistry> log)
{
    private readonly ConcurrentDictionary<Guid, Lazy<Task<ScriptSession?>>> sessions = new();

    public int Count => sessions.Count;

    /// <summary>The live session, loading it if needed; null if the script does not exist. Callers check access first.</summary>
    public async Task<ScriptSession?> GetAsync(Guid scriptId, CancellationToken ct = default)
    {
        var entry = sessions.GetOrAdd(scriptId, id => new Lazy<Task<ScriptSession?>>(() => LoadAsync(id)));
        try
        {
            var session = await entry.Value.WaitAsync(ct);
            if (session is null) sessions.TryRemove(new(scriptId, entry));
            return session;
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            sessions.TryRemove(new(scriptId, entry));
            throw;
        }
    }

    /// <summary>
    /// The session if it is live here or being loaded (then once loaded); null otherwise. Never loads: another
    /// instance's change to a script nobody has open here needs nothing, the next load reads it from the database.
    /// </summary>
    public async Task<ScriptSession?> FindLiveAsync(Guid scriptId)
    {
        if (!sessions.TryGetValue(scriptId, out var entry)) return null;
        try
        {
            return await entry.Value;
        }
        catch (Exception) when (entry.Value.IsFaulted)
        {
            return null;
        }
    }

    /// <summary>The sessions live here now.</summary>
    public IReadOnlyList<ScriptSession> Live() =>
        sessions.Values.Where(e => e.IsValueCreated && e.Value.IsCompletedSuccessfully && e.Value.Result is not null)
            .Select(e => e.Value.Result!).ToList();

    /// <summary>Attaches an editor, retrying if the session was unloaded between lookup and attach.</summary>
    public async Task<(ScriptSession Session, EditorSnapshot Snapshot)?> AttachAsync(Guid scriptId, IEditorClient client, CancellationToken ct = default)
    {
        for (var attempt = 0; attempt < 5; attempt++)
        {
            var session = await GetAsync(scriptId, ct);
            if (session is null) return null;
            var started = Stopwatch.GetTimestamp();
            var snapshot = session.TryAttach(client);
            if (snapshot is not null)
            {
                metrics.Attached(Stopwatch.GetElapsedTime(started));
                return (session, snapshot);
            }
        }
        throw new InvalidOperationException($"Script {scriptId} keeps unloading; try again.");
    }

    /// <summary>Unloads sessions idle for longer than <paramref name="idleFor"/> with nothing left to write.</summary>
    public int Sweep(TimeSpan idleFor)
    {
        var unloaded = 0;
        foreach (var (id, entry) in sessions)
        {
            if (!entry.IsValueCreated || !entry.Value.IsCompletedSuccessfully || entry.Value.Result is not { } session) continue;
            if (!session.TryClose(idleFor)) continue;
            sessions.TryRemove(new(id, entry));
            unloaded++;
        }
        if (unloaded > 0) log.LogInformation("Unloaded {Count} idle script session(s); {Live} live", unloaded, sessions.Count);
        return unloaded;
    }

    /// <summary>Unloads one session once its writes are done (waits for them; tests and admin use it).</summary>
    public async Task UnloadAsync(Guid scriptId, CancellationToken ct = default)
    {
        if (!sessions.TryGetValue(scriptId, out var entry)) return;
        var session = await entry.Value;
        if (session is null) return;
        while (!session.TryClose(TimeSpan.Zero))
        {
            if (session.ClientCount > 0) throw new InvalidOperationException("Writers are still attached.");
            await Task.Delay(5, ct);
        }
        sessions.TryRemove(new(scriptId, entry));
    }

    private async Task<ScriptSession?> LoadAsync(Guid scriptId)
    {
        var started = Stopwatch.GetTimestamp();
        // Not the caller's token: the load is shared by everyone opening the script at the same time.
        var document = await loader.LoadAsync(scriptId, CancellationToken.None);
        if (document is null) return null;
        var session = new ScriptSession(document, commits, snapshots, fanOut);
        fanOut.SessionLoaded(scriptId);
        var elapsed = Stopwatch.GetElapsedTime(started);
        metrics.Loaded(elapsed);
        log.LogInformation("Loaded script {ScriptId} for editing: {Scenes} scenes, {Blocks} paragraphs in {Elapsed:F1} ms",
            scriptId, document.Scenes.Count, document.BlockCount, elapsed.TotalMilliseconds);
        return session;
    }
}
