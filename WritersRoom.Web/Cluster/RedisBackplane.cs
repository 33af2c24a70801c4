using System.Text.Json;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace WritersRoom.Web.Cluster;

/// <summary>
/// The process's one Redis connection (StackExchange.Redis multiplexes everything over it), the channels, and the
/// connection's state. Publishing never blocks and never throws: while Redis is away a message is dropped (counted),
/// and instances catch up from the database when it returns (<see cref="Restored"/>).
/// </summary>
public sealed class RedisBackplane : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly RedisMetrics metrics;
    private readonly ILogger<RedisBackplane> log;
    private readonly List<ChannelMessageQueue> subscriptions = [];

    public RedisBackplane(IConnectionMultiplexer connection, IOptions<RedisOptions> options, RedisMetrics metrics, ILogger<RedisBackplane> log)
    {
        Connection = connection;
        this.metrics = metrics;
        this.log = log;
        var prefix = options.Value.Prefix;
        EditingChannel = RedisChannel.Literal(prefix + ":editing");
        InvalidationChannel = RedisChannel.Literal(prefix + ":invalidations");
        metrics.Observe(() => connection.IsConnected);
        connection.ConnectionFailed += OnFailed;
        connection.ConnectionRestored += OnRestored;
    }

    /// <summary>This process, as other instances see it in messages.</summary>
    public string InstanceId { get; } = $"{Environment.MachineName}-{Environment.ProcessId}-{Guid.NewGuid():N}";

    public IConnectionMultiplexer Connection { get; }
    public RedisChannel EditingChannel { get; }
    public RedisChannel InvalidationChannel { get; }
    public bool IsConnected => Connection.IsConnected;

    /// <summary>Raised (on a Redis thread) when a lost connection is back: messages may have been missed meanwhile.</summary>
    public event Action? Restored;

    public void Publish<T>(RedisChannel channel, T message, string kind)
    {
        if (!Connection.IsConnected)
        {
            // Cheaper than the exception a fail-fast publish would build (this runs under a session's lock).
            metrics.PublishFailed();
            return;
        }
        try
        {
            var payload = JsonSerializer.SerializeToUtf8Bytes(message, Json);
            Connection.GetSubscriber().Publish(channel, payload, CommandFlags.FireAndForget);
            metrics.Published(kind);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or ObjectDisposedException)
        {
            metrics.PublishFailed();
            log.LogDebug(e, "Redis publish of a {Kind} message failed", kind);
        }
    }

    public static T? Read<T>(RedisValue value) => JsonSerializer.Deserialize<T>((byte[])value!, Json);

    /// <summary>
    /// Subscribes, retrying until Redis answers (it may be down at start-up); StackExchange.Redis re-subscribes by
    /// itself after a reconnect. Messages are handled one at a time, in the order they were published.
    /// </summary>
    public async Task SubscribeAsync(RedisChannel channel, Func<RedisValue, Task> handler, CancellationToken ct)
    {
        while (true)
        {
            try
            {
                var queue = await Connection.GetSubscriber().SubscribeAsync(channel).WaitAsync(TimeSpan.FromSeconds(5), ct);
                queue.OnMessage(async message =>
                {
                    try
                    {
                        await handler(message.Message);
                    }
                    catch (Exception e)
                    {
                        // One bad message must not end the subscription.
                        log.LogError(e, "Handling a message on {Channel} failed", channel);
                    }
                });
                lock (subscriptions) subscriptions.Add(queue);
                return;
            }
            catch (Exception e) when (e is RedisException or TimeoutException)
            {
                log.LogWarning("Cannot subscribe to {Channel} yet ({Error}); retrying", channel, e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    /// <summary>PING round trip, recorded for the performance page; null when Redis does not answer.</summary>
    public async Task<TimeSpan?> PingAsync(CancellationToken ct)
    {
        try
        {
            var rtt = await Connection.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), ct);
            metrics.RoundTrip(rtt);
            return rtt;
        }
        catch (Exception e) when (e is RedisException or TimeoutException)
        {
            return null;
        }
    }

    private void OnFailed(object? sender, ConnectionFailedEventArgs e) =>
        log.LogWarning("Redis connection lost ({ConnectionType}, {FailureType}); this instance edits alone until it is back",
            e.ConnectionType, e.FailureType);

    private void OnRestored(object? sender, ConnectionFailedEventArgs e)
    {
        log.LogInformation("Redis connection back ({ConnectionType}); catching up from the database", e.ConnectionType);
        Restored?.Invoke();
    }

    public void Dispose()
    {
        Connection.ConnectionFailed -= OnFailed;
        Connection.ConnectionRestored -= OnRestored;
        lock (subscriptions)
        {
            foreach (var queue in subscriptions)
            {
                try { queue.Unsubscribe(); }
                catch (Exception e) when (e is RedisException or ObjectDisposedException) { }
            }
        }
    }
}
