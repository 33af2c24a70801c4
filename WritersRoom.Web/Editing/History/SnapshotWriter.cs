using System.Threading.Channels;
using WritersRoom.Core.History;
using WritersRoom.Data.Entities;
using WritersRoom.Data.History;

namespace WritersRoom.Web.Editing.History;

/// <summary>
/// Writes snapshots in the background, one at a time: sessions only enqueue (a copy already taken, or "an automatic
/// one is due"), so neither typing nor the session lock ever waits on serialising a script or on the database.
/// After each write every editor on the script hears <see cref="HistoryChanged"/>.
/// </summary>
public sealed class SnapshotWriter(SnapshotStore store, HistoryOptions options, ILogger<SnapshotWriter> log) : BackgroundService, ISnapshotQueue
{
    private static readonly TimeSpan[] Retries = [TimeSpan.FromMilliseconds(200), TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(5)];
    private readonly Channel<object> queue = Channel.CreateUnbounded<object>(new UnboundedChannelOptions { SingleReader = true });

    public HistoryOptions Options => options;

    public void Enqueue(PendingSnapshot snapshot) => queue.Writer.TryWrite(snapshot);

    public void RequestAuto(ScriptSession session) => queue.Writer.TryWrite(session);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var item in queue.Reader.ReadAllAsync(stoppingToken)) await ProcessAsync(item, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: what was captured before a bulk change is still written, within a few seconds.
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            while (!last.IsCancellationRequested && queue.Reader.TryRead(out var item))
            {
                try { await ProcessAsync(item, last.Token); }
                catch (OperationCanceledException) { break; }
            }
        }
    }

    private async Task ProcessAsync(object item, CancellationToken ct)
    {
        switch (item)
        {
            case PendingSnapshot pending:
                await WriteAsync(pending, ct);
                break;
            case ScriptSession session when session.TakeAutoSnapshot() is { } taken:
                var auto = new PendingSnapshot(session, SnapshotKind.Auto, null, null, taken.Version, taken.Content);
                if (!await WriteAsync(auto, ct)) session.AutoSnapshotFailed(taken.Edits);
                break;
        }
    }

    private async Task<bool> WriteAsync(PendingSnapshot pending, CancellationToken ct)
    {
        var snapshot = new Snapshot
        {
            ScriptId = pending.Session.ScriptId,
            Kind = pending.Kind,
            Name = pending.Name,
            CreatedById = pending.UserId,
            ScriptVersion = pending.ScriptVersion,
            SceneCount = pending.Content.SceneCount,
            Content = ScriptVersionJson.Serialize(pending.Content),
        };
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await store.AddAsync(snapshot, options.KeepAutomatic, ct);
                pending.Complete(snapshot.Id);
                pending.Session.Publish(new HistoryChanged(snapshot.Id));
                return true;
            }
            catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
            {
                if (attempt >= Retries.Length)
                {
                    log.LogError(e, "Snapshot ({Kind}) of script {ScriptId} could not be written", pending.Kind, pending.Session.ScriptId);
                    pending.Fail(e);
                    return false;
                }
                log.LogWarning(e, "Snapshot ({Kind}) of script {ScriptId} failed; retrying", pending.Kind, pending.Session.ScriptId);
                // A fresh id: the failed insert may have reached the database after all.
                snapshot.Id = Guid.CreateVersion7();
                await Task.Delay(Retries[attempt], ct);
            }
        }
    }
}
