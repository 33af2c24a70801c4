using System.Collections.Immutable;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Security.Circuits;

/// <summary>
/// One circuit's watchman (scoped: one per circuit). The services a circuit calls report what they refused; past
/// <see cref="CircuitGuardOptions.MaxRefusals"/> in the window, at an id of another script, or when the browser sends
/// faster than any person could, the circuit is ended: logged with the user and the reason, then torn down by the
/// framework (an exception dispatched to its renderer by <c>CircuitGuardian</c>, and every later message from its
/// browser refused by <see cref="CircuitGuardHandler"/>). Thread-safe and never blocking: callers may hold locks.
/// </summary>
public sealed class CircuitGuard
{
    private readonly CircuitGuardOptions options;
    private readonly ILogger<CircuitGuard> log;
    private readonly TokenBucket inbound;
    private readonly Queue<long> refusals = new();
    private readonly Lock gate = new();
    private ImmutableList<Action<CircuitEndedException>> terminators = [];
    private CircuitEndedException? ended;

    public CircuitGuard(IOptions<CircuitGuardOptions> options, ILogger<CircuitGuard> log)
    {
        this.options = options.Value;
        this.log = log;
        inbound = new TokenBucket(this.options.InboundPerSecond, this.options.InboundBurst);
    }

    /// <summary>The framework's id of the circuit, for the logs (set when the circuit opens).</summary>
    public string CircuitId { get; set; } = "(none)";

    /// <summary>Who the circuit is signed in as, for the logs of what no service reported (a flood).</summary>
    public string? UserId { get; set; }

    public bool Ended => Volatile.Read(ref ended) is not null;

    public string? EndReason => Volatile.Read(ref ended)?.Reason;

    /// <summary>A request of this circuit was refused (the service logged why); too many in the window end the circuit.</summary>
    public void Refused(string userId, string what)
    {
        int count;
        lock (gate)
        {
            var now = Stopwatch.GetTimestamp();
            refusals.Enqueue(now);
            while (refusals.Count > 0 && Stopwatch.GetElapsedTime(refusals.Peek(), now) > options.RefusalWindow) refusals.Dequeue();
            count = refusals.Count;
        }
        if (count > options.MaxRefusals)
            End(userId, $"{count} refused requests within {options.RefusalWindow.TotalSeconds:N0} s, the last: {what}");
    }

    /// <summary>A request named an id that belongs to another script (the caller logged the security event): the end of the circuit.</summary>
    public void ForeignId(string userId, string what)
    {
        if (options.EndOnForeignIds) End(userId, "it sent " + what);
        else Refused(userId, what);
    }

    /// <summary>Counts one message from the browser; false once the circuit has ended (a flood ends it here).</summary>
    public bool AdmitInbound()
    {
        if (Ended) return false;
        if (inbound.TryTake(1)) return true;
        End(UserId, $"the browser sent more than {options.InboundPerSecond:N0} messages a second");
        return false;
    }

    /// <summary>The exception a refused message fails with (the framework then tears the circuit down).</summary>
    public CircuitEndedException EndedException => Volatile.Read(ref ended) ?? new CircuitEndedException("ended");

    /// <summary>Ends the circuit: logged once, then every terminator runs (off the caller's thread: it may hold a lock).</summary>
    public void End(string? userId, string reason, string? redirectTo = null)
    {
        var exception = new CircuitEndedException(reason, redirectTo);
        if (Interlocked.CompareExchange(ref ended, exception, null) is not null) return;
        log.LogWarning("Ending circuit {CircuitId} of user {UserId}: {Reason}", CircuitId, userId ?? UserId ?? "(anonymous)", reason);
        foreach (var terminator in Volatile.Read(ref terminators)) Run(terminator, exception);
    }

    /// <summary>What tears the circuit down when it ends (the app's <c>CircuitGuardian</c>; a test's observer).</summary>
    public IDisposable OnEnd(Action<CircuitEndedException> terminator)
    {
        ImmutableInterlocked.Update(ref terminators, list => list.Add(terminator));
        if (Volatile.Read(ref ended) is { } already) Run(terminator, already);
        return new Subscription(() => ImmutableInterlocked.Update(ref terminators, list => list.Remove(terminator)));
    }

    private void Run(Action<CircuitEndedException> terminator, CircuitEndedException exception) =>
        _ = Task.Run(() =>
        {
            try
            {
                terminator(exception);
            }
            catch (Exception e)
            {
                log.LogError(e, "Ending circuit {CircuitId} failed", CircuitId);
            }
        });

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref this.dispose, null)?.Invoke();
    }
}
