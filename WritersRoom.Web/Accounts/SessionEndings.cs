using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Text;

namespace WritersRoom.Web.Accounts;

/// <summary>
/// Sessions ended at once, on every instance: a disabled account, a demoted admin, or an admin's "End sessions". The
/// security stamp changes in the database (so the cookie check refuses the old cookies within its interval, on any
/// instance, even one that missed the message); this adds the "at once": the old stamp is remembered here, so a cookie
/// carrying it is refused on its next request, and every live circuit of the account is told now. Entries are kept
/// only until the stamp check would refuse those cookies anyway. Stamps are kept and sent as hashes.
/// </summary>
public sealed class SessionEndings : IDisposable
{
    /// <summary>Longer than the security stamp validation interval (one minute), after which the stamp check refuses them.</summary>
    public static readonly TimeSpan Remembered = TimeSpan.FromMinutes(10);

    private readonly ConcurrentDictionary<string, ImmutableList<(string StampHash, DateTimeOffset At)>> ended = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableList<Action>> watchers = new(StringComparer.Ordinal);
    private readonly ISessionEndBus bus;
    private readonly TimeProvider time;
    private readonly ILogger<SessionEndings> log;
    private readonly IDisposable subscription;

    public SessionEndings(ISessionEndBus bus, ILogger<SessionEndings> log, TimeProvider? time = null)
    {
        this.bus = bus;
        this.log = log;
        this.time = time ?? TimeProvider.System;
        subscription = bus.Subscribe(Apply);
    }

    /// <summary>Ends the sessions whose cookies carry <paramref name="oldStamp"/> (the stamp before it changed), here and on every instance.</summary>
    public void End(string userId, string? oldStamp)
    {
        var hash = Hash(oldStamp);
        Apply(userId, hash);
        bus.Publish(userId, hash);
    }

    /// <summary>Whether a cookie of <paramref name="userId"/> carrying <paramref name="stamp"/> belongs to ended sessions.</summary>
    public bool HasEnded(string userId, string? stamp)
    {
        if (!ended.TryGetValue(userId, out var list)) return false;
        var hash = Hash(stamp);
        var since = time.GetUtcNow() - Remembered;
        return list.Any(e => e.At >= since && e.StampHash == hash);
    }

    /// <summary>Calls <paramref name="onEnded"/> (on any thread; it must only hand the work on) when the account's sessions end.</summary>
    public IDisposable Watch(string userId, Action onEnded)
    {
        watchers.AddOrUpdate(userId, _ => [onEnded], (_, list) => list.Add(onEnded));
        return new Subscription(() =>
        {
            while (watchers.TryGetValue(userId, out var list))
            {
                var rest = list.Remove(onEnded);
                if (rest.IsEmpty ? watchers.TryRemove(KeyValuePair.Create(userId, list)) : watchers.TryUpdate(userId, rest, list)) return;
            }
        });
    }

    private void Apply(string userId, string stampHash)
    {
        var now = time.GetUtcNow();
        ended.AddOrUpdate(userId, _ => [(stampHash, now)],
            (_, list) => list.RemoveAll(e => e.At < now - Remembered).Add((stampHash, now)));
        if (!watchers.TryGetValue(userId, out var list)) return;
        foreach (var watcher in list)
        {
            try
            {
                watcher();
            }
            catch (Exception e)
            {
                log.LogError(e, "Ending a live session of user {UserId} failed", userId);
            }
        }
    }

    private static string Hash(string? stamp) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(stamp ?? "")));

    public void Dispose() => subscription.Dispose();

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref this.dispose, null)?.Invoke();
    }
}
