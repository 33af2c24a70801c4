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
/// (one round trip: a batch of set-based statements), then acks. Typing never waits on this; the browser shows
/// "Saving" until the ack and keeps the operations to resend if the ack never comes.
/// </summary>
public sealed class GroupCommitWriter(NpgsqlDataSource dataSource, EditingOptions options, EditingMetrics metrics, ILogger<GroupCommitWriter> log)
    : BackgroundService, ICommitQueue
{
    private readonly Channel<ScriptSession> queue = Channel.CreateUnbounded<ScriptSession>(new UnboundedChannelOptions { SingleReader = true });

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
        var batches = sessions.Select(s => s.TakeBatch()).OfType<CommitBatch>().ToList();
        if (batches.Count == 0) return;

        var started = Stopwatch.GetTimestamp();
        try
        {
            await CommitSql.WriteAsync(dataSource, batches, ct);
            metrics.Committed(batches.Sum(b => b.OpIds.Count), Stopwatch.GetElapsedTime(started));
            foreach (var batch in batches) batch.Session.Committed(batch);
        }
        catch (Exception e) when (e is NpgsqlException or InvalidOperationException or OperationCanceledException or TimeoutException)
        {
            log.LogError(e, "Group commit of {Count} script(s) failed; retrying", batches.Count);
            foreach (var batch in batches)
            {
                batch.Session.Failed(batch);
                Enqueue(batch.Session);
            }
            if (!ct.IsCancellationRequested) await Task.Delay(options.RetryDelay, CancellationToken.None);
        }
    }
}
