using System.Diagnostics;
using System.Threading.Channels;
using Npgsql;

namespace WritersRoom.Web.Editing;

public interface ICommitQueue
{
    /// <summary>The session has something to write; cheap, never blocks, called on the keystroke path.</summary>
    void Enqueue(ScriptSession session);
}

/// <summary>
/// Group commit: collects what every session applied in the last few milliseconds and writes it in one transaction
/// (one round trip: a batch of set-based statements), then acks and hands the rows to the fan-out (other instances).
/// Typing never waits on this; the browser shows "Saving" until the ack and keeps the operations to resend if the ack
/// never comes. A write another instance got in first is rolled back, merged (the sessions re-read the database) and
/// written again.
/// </summary>
public sealed class GroupCommitWriter(NpgsqlDataSource dataSource, EditingOptions options, EditingMetrics metrics, SessionReconciler reconciler,
    IEditingFanOut fanOut, ILogger<GroupCommitWriter> log) : BackgroundService, ICommitQueue
{
    private readonly Channel<ScriptSession> queue = Channel.CreateUnbounded<ScriptSession>(new UnboundedChannelOptions { SingleReader = true });

    // Batches whose write failed with its outcome unknown (the connection dropped around COMMIT). They are settled by
    // one look-up of their markers before anything else is written: a batch that landed is acked, not written again,
    // and never mistaken for another instance's change.
    private List<CommitBatch> unsettled = [];
    private int conflictStreak;

    public void Enqueue(ScriptSession session) => queue.Writer.TryWrite(session);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (await queue.Reader.WaitToReadAsync(stoppingToken))
            {
                // The window that turns a burst of keystrokes from many writers into one transaction.
                await Task.Delay(options.CommitWindow, stoppingToken);
                await FlushAsync(stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down: write what is left so acknowledged-soon edits are not left to a resend.
            using var last = new CancellationTokenSource(TimeSpan.FromSeconds(5));
            await FlushAsync(last.Token);
        }
    }

    private async Task FlushAsync(CancellationToken ct)
    {
        var sessions = new HashSet<ScriptSession>();
        while (queue.Reader.TryRead(out var session)) sessions.Add(session);
        if (unsettled.Count > 0 && !await SettleAsync(ct))
        {
            foreach (var session in sessions) Enqueue(session);
            return;
        }
        var batches = sessions.Select(s => s.TakeBatch()).OfType<CommitBatch>().ToList();
        if (batches.Count == 0) return;

        var started = Stopwatch.GetTimestamp();
        WriteOutcome outcome;
        try
        {
            outcome = await CommitSql.WriteAsync(dataSource, batches, ct);
        }
        catch (Exception e) when (IsTransient(e))
        {
            log.LogError(e, "Group commit of {Count} script(s) failed; retrying", batches.Count);
            unsettled.AddRange(batches);
            foreach (var batch in batches) Enqueue(batch.Session);
            if (!ct.IsCancellationRequested) await Task.Delay(options.RetryDelay, CancellationToken.None);
            return;
        }
        if (outcome.Landed)
        {
            conflictStreak = 0;
            metrics.Committed(batches.Sum(b => b.OpIds.Count), Stopwatch.GetElapsedTime(started));
            foreach (var batch in batches)
            {
                batch.Session.Committed(batch);
                fanOut.Committed(batch);
            }
            return;
        }
        await MergeAndRetryAsync(batches, outcome.ForeignBlocks, ct);
    }

    /// <summary>Another instance changed a row first: re-read the scripts involved, merge, and write again.</summary>
    private async Task MergeAndRetryAsync(List<CommitBatch> batches, IReadOnlySet<Guid> foreign, CancellationToken ct)
    {
        metrics.Conflict();
        conflictStreak++;
        if (conflictStreak % 10 == 0) log.LogWarning("{Streak} group commits in a row met another instance's writes", conflictStreak);
        foreach (var batch in batches) batch.Session.Failed(batch);
        if (foreign.Count > 0)
        {
            log.LogWarning("New paragraph id(s) {Ids} belong to another script; they get new ids", string.Join(", ", foreign));
            foreach (var batch in batches) batch.Session.RenewIds(foreign);
        }
        foreach (var batch in batches)
        {
            try
            {
                await reconciler.ReconcileAsync(batch.Session, ct);
            }
            catch (Exception e) when (IsTransient(e))
            {
                log.LogError(e, "Re-reading script {ScriptId} after a write conflict failed; retrying", batch.Session.ScriptId);
            }
            Enqueue(batch.Session);
        }
        // Two instances racing on one paragraph settle in a round or two; back off if they keep colliding.
        if (conflictStreak > 2 && !ct.IsCancellationRequested)
            await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(options.RetryDelay.TotalMilliseconds, 5 << Math.Min(conflictStreak, 10))), CancellationToken.None);
    }

    private async Task<bool> SettleAsync(CancellationToken ct)
    {
        try
        {
            var landed = await CommitSql.LandedAsync(dataSource, unsettled.Select(b => b.Marker).ToArray(), ct);
            foreach (var batch in unsettled)
            {
                if (landed.Contains(batch.Marker))
                {
                    batch.Session.Committed(batch);
                    fanOut.Committed(batch);
                }
                else batch.Session.Failed(batch);
                Enqueue(batch.Session);
            }
            unsettled = [];
            return true;
        }
        catch (Exception e) when (IsTransient(e))
        {
            log.LogWarning(e, "Cannot tell yet whether {Count} batch(es) were written; asking again", unsettled.Count);
            if (!ct.IsCancellationRequested) await Task.Delay(options.RetryDelay, CancellationToken.None);
            return false;
        }
    }

    private static bool IsTransient(Exception e) => e is NpgsqlException or InvalidOperationException or OperationCanceledException or TimeoutException;
}
