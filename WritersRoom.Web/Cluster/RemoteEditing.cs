using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Cluster;

/// <summary>
/// Other instances' editing, applied here: their committed rows go into the live sessions on this instance (and on to
/// its writers), as do their comment, history and revision-mode events; their writers show in presence until they stop
/// being repeated, and whenever messages may have been
/// missed (a number skipped, Redis back after an outage, another instance asking) the scripts involved are re-read
/// from the database and merged. Also repeats this instance's presence and measures the Redis round trip.
/// </summary>
public sealed class RemoteEditing(RedisBackplane backplane, RedisEditingOutbox outbox, ScriptSessionRegistry registry,
    SessionReconciler reconciler, IOptions<RedisOptions> options, RedisMetrics metrics, TimeProvider time, ILogger<RemoteEditing> log)
    : BackgroundService
{
    private readonly ConcurrentDictionary<(string Origin, Guid ScriptId), long> lastSeq = new();
    private readonly ConcurrentDictionary<Guid, byte> resyncLater = new();
    private readonly SemaphoreSlim wake = new(0);
    private int resyncAll;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        backplane.Restored += OnRestored;
        try
        {
            await backplane.SubscribeAsync(backplane.EditingChannel, HandleAsync, stoppingToken);
            // Sessions opened before the subscription was in place may have missed something.
            Interlocked.Exchange(ref resyncAll, 1);
            while (!stoppingToken.IsCancellationRequested)
            {
                if (Interlocked.Exchange(ref resyncAll, 0) == 1) await ResyncAllAsync(stoppingToken);
                await RetryResyncsAsync(stoppingToken);
                Heartbeat();
                await backplane.PingAsync(stoppingToken);
                await wake.WaitAsync(options.Value.PresenceInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        finally
        {
            backplane.Restored -= OnRestored;
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        // Leaving on purpose: this instance's writers vanish from the others now, not when their presence lapses.
        foreach (var session in registry.Live())
            if (session.LocalPresence().Count > 0) outbox.PresenceChanged(session.ScriptId, []);
        await base.StopAsync(cancellationToken);
    }

    private async Task HandleAsync(RedisValue value)
    {
        var message = RedisBackplane.Read<EditingMessage>(value);
        if (message is null || message.Origin == backplane.InstanceId) return;
        switch (message)
        {
            case CommitMessage commit:
                metrics.Received("commit");
                await ApplyCommitAsync(commit);
                break;
            case PresenceMessage presence:
                metrics.Received("presence");
                if (await registry.FindLiveAsync(presence.ScriptId) is { } seen)
                    seen.SetRemotePresence(presence.Origin, presence.Entries, time.GetUtcNow() + presence.ValidFor);
                break;
            case PresenceRequest request:
                metrics.Received("who");
                if (await registry.FindLiveAsync(request.ScriptId) is { } asked && asked.LocalPresence() is { Count: > 0 } here)
                    outbox.PresenceChanged(request.ScriptId, here);
                break;
            case SessionEventMessage { Event: { } sessionEvent } eventMessage:
                metrics.Received("event");
                if (await registry.FindLiveAsync(eventMessage.ScriptId) is { } live) live.PublishFromElsewhere(sessionEvent);
                break;
            case ResyncRequest resync:
                metrics.Received("resync");
                foreach (var scriptId in resync.ScriptIds)
                    if (await registry.FindLiveAsync(scriptId) is { } stale) await ResyncAsync(stale, CancellationToken.None);
                break;
        }
    }

    private async Task ApplyCommitAsync(CommitMessage commit)
    {
        var key = (commit.Origin, commit.ScriptId);
        var missed = false;
        lastSeq.AddOrUpdate(key, commit.Seq, (_, last) =>
        {
            missed = commit.Seq > last + 1;
            return Math.Max(last, commit.Seq);
        });
        if (await registry.FindLiveAsync(commit.ScriptId) is not { } session) return;
        if (missed)
        {
            log.LogInformation("Missed a change to script {ScriptId} from {Origin}; re-reading it", commit.ScriptId, commit.Origin);
            await ResyncAsync(session, CancellationToken.None);
            return;
        }
        if (session.ApplyRemote(commit.Change) == RemoteOutcome.NeedsResync)
        {
            await ResyncAsync(session, CancellationToken.None);
            return;
        }
        metrics.FanOutLag(time.GetUtcNow() - commit.SentAt);
    }

    private void OnRestored()
    {
        Interlocked.Exchange(ref resyncAll, 1);
        wake.Release();
    }

    /// <summary>After an outage: re-read every live script, ask the others to do the same, and say who is here.</summary>
    private async Task ResyncAllAsync(CancellationToken ct)
    {
        var live = registry.Live();
        if (live.Count == 0) return;
        // Let the subscription come back first, so nothing published from here on is missed.
        await Task.Delay(TimeSpan.FromMilliseconds(500), ct);
        foreach (var session in live) await ResyncAsync(session, ct);
        outbox.RequestResync(live.Select(s => s.ScriptId).ToList());
        foreach (var session in live)
            if (session.LocalPresence() is { Count: > 0 } here) outbox.PresenceChanged(session.ScriptId, here);
    }

    private async Task ResyncAsync(ScriptSession session, CancellationToken ct)
    {
        try
        {
            await reconciler.ReconcileAsync(session, ct);
            metrics.Resynced(1);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            log.LogWarning(e, "Re-reading script {ScriptId} failed; trying again shortly", session.ScriptId);
            resyncLater[session.ScriptId] = 0;
        }
    }

    private async Task RetryResyncsAsync(CancellationToken ct)
    {
        foreach (var scriptId in resyncLater.Keys)
        {
            resyncLater.TryRemove(scriptId, out _);
            if (await registry.FindLiveAsync(scriptId) is { } session) await ResyncAsync(session, ct);
        }
    }

    private void Heartbeat()
    {
        var now = time.GetUtcNow();
        foreach (var session in registry.Live())
        {
            session.ExpireRemotePresence(now);
            if (session.LocalPresence() is { Count: > 0 } here) outbox.PresenceChanged(session.ScriptId, here);
        }
    }

    public override void Dispose()
    {
        wake.Dispose();
        base.Dispose();
    }
}
