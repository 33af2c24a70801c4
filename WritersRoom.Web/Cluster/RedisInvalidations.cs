using System.Collections.Immutable;
using StackExchange.Redis;
using WritersRoom.Web.Accounts;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Bible;
using WritersRoom.Web.Editing.Rewrites;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Cluster;

/// <summary>
/// "Drop what you cached about this script (or this member)", "these sessions ended", or "this proposal's card now reads so"
/// (<see cref="MessageId"/>, <see cref="Proposal"/>), sent to every instance.
/// </summary>
public sealed record InvalidationMessage(string Origin, string Kind, Guid ScriptId, string? UserId, string? StampHash = null, Guid? MessageId = null,
    RewriteProposal? Proposal = null)
{
    public const string GlobalContext = "global-context";
    public const string Membership = "membership";
    public const string SessionsEnded = "sessions-ended";
    public const string ProposalDecided = "proposal";
}

/// <summary>
/// Cache invalidations across instances over one Redis channel: the assistant's global context
/// (<see cref="IScriptInvalidationBus"/>) and membership roles (<see cref="IMembershipChanges"/>). Handlers on this
/// instance run at once, as with the in-process bus; the others hear it through Redis. If Redis is away the
/// message is lost, and the other instances' entries expire on their own (membership after 30 s); the global
/// context is rebuilt on the next change. Ended sessions (<see cref="ISessionEndBus"/>) go the same way; if that message
/// is lost, the security stamp check refuses those cookies within its interval and the circuits' revalidation signs them out.
/// A writer's decision on a rewrite proposal (<see cref="IProposalChanges"/>) reaches the cards open on other instances the
/// same way; if it is lost, those cards show the new state on their next load and refuse a stale decision with a reason.
/// </summary>
public sealed class RedisInvalidations : IScriptInvalidationBus, IMembershipChanges, ISessionEndBus, IProposalChanges, IHostedService
{
    private readonly RedisBackplane backplane;
    private readonly RedisMetrics metrics;
    private ImmutableList<Action<Guid>> contextHandlers = [];
    private ImmutableList<Action<string, Guid>> memberHandlers = [];
    private ImmutableList<Action<string, string>> sessionHandlers = [];
    private readonly ProposalListeners proposalListeners;
    private readonly CancellationTokenSource stop = new();
    private Task subscribing = Task.CompletedTask;

    public RedisInvalidations(RedisBackplane backplane, RedisMetrics metrics, ILogger<RedisInvalidations> log)
    {
        this.backplane = backplane;
        this.metrics = metrics;
        proposalListeners = new ProposalListeners(log);
    }

    public Task PublishAsync(Guid scriptId, CancellationToken ct = default)
    {
        foreach (var handler in Volatile.Read(ref contextHandlers)) handler(scriptId);
        backplane.Publish(backplane.InvalidationChannel,
            new InvalidationMessage(backplane.InstanceId, InvalidationMessage.GlobalContext, scriptId, null), InvalidationMessage.GlobalContext);
        return Task.CompletedTask;
    }

    public IDisposable Subscribe(Action<Guid> handler)
    {
        ImmutableInterlocked.Update(ref contextHandlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref contextHandlers, list => list.Remove(handler)));
    }

    public void Publish(string userId, Guid scriptId)
    {
        foreach (var handler in Volatile.Read(ref memberHandlers)) handler(userId, scriptId);
        backplane.Publish(backplane.InvalidationChannel,
            new InvalidationMessage(backplane.InstanceId, InvalidationMessage.Membership, scriptId, userId), InvalidationMessage.Membership);
    }

    public IDisposable Subscribe(Action<string, Guid> handler)
    {
        ImmutableInterlocked.Update(ref memberHandlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref memberHandlers, list => list.Remove(handler)));
    }

    /// <summary>This instance's <see cref="SessionEndings"/> has already acted: only the others are told.</summary>
    void ISessionEndBus.Publish(string userId, string stampHash) =>
        backplane.Publish(backplane.InvalidationChannel,
            new InvalidationMessage(backplane.InstanceId, InvalidationMessage.SessionsEnded, Guid.Empty, userId, stampHash), InvalidationMessage.SessionsEnded);

    IDisposable ISessionEndBus.Subscribe(Action<string, string> handler)
    {
        ImmutableInterlocked.Update(ref sessionHandlers, list => list.Add(handler));
        return new Subscription(() => ImmutableInterlocked.Update(ref sessionHandlers, list => list.Remove(handler)));
    }

    public void Publish(ProposalChanged change)
    {
        proposalListeners.Notify(change);
        backplane.Publish(backplane.InvalidationChannel,
            new InvalidationMessage(backplane.InstanceId, InvalidationMessage.ProposalDecided, change.ScriptId, null, MessageId: change.MessageId,
                Proposal: change.Proposal), InvalidationMessage.ProposalDecided);
    }

    public IDisposable Subscribe(Guid messageId, Action<ProposalChanged> handler) => proposalListeners.Add(messageId, handler);

    // Subscribing may wait for Redis; start-up does not.
    public Task StartAsync(CancellationToken cancellationToken)
    {
        subscribing = SubscribeAsync();
        return Task.CompletedTask;
    }

    private async Task SubscribeAsync()
    {
        try
        {
            await backplane.SubscribeAsync(backplane.InvalidationChannel, Handle, stop.Token);
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await stop.CancelAsync();
        await subscribing;
    }

    private Task Handle(RedisValue value)
    {
        var message = RedisBackplane.Read<InvalidationMessage>(value);
        if (message is null || message.Origin == backplane.InstanceId) return Task.CompletedTask;
        metrics.Received(message.Kind);
        if (message.Kind == InvalidationMessage.GlobalContext)
            foreach (var handler in Volatile.Read(ref contextHandlers)) handler(message.ScriptId);
        else if (message.Kind == InvalidationMessage.Membership && message.UserId is { } user)
            foreach (var handler in Volatile.Read(ref memberHandlers)) handler(user, message.ScriptId);
        else if (message.Kind == InvalidationMessage.SessionsEnded && message.UserId is { } ended && message.StampHash is { } stamp)
            foreach (var handler in Volatile.Read(ref sessionHandlers)) handler(ended, stamp);
        else if (message.Kind == InvalidationMessage.ProposalDecided && message is { MessageId: { } messageId, Proposal: { } proposal })
            proposalListeners.Notify(new ProposalChanged(message.ScriptId, messageId, proposal));
        return Task.CompletedTask;
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref this.dispose, null)?.Invoke();
    }
}
