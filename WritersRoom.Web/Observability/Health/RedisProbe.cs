using StackExchange.Redis;

namespace WritersRoom.Web.Observability.Health;

/// <summary>
/// Pings Redis when <c>Redis:Connection</c> is configured: connected or not, and the round trip. Uses the app's
/// <see cref="IConnectionMultiplexer"/> when one is registered, otherwise connects once on first use.
/// </summary>
public sealed class RedisProbe(IConfiguration configuration, IServiceProvider services, ILogger<RedisProbe> log) : IAsyncDisposable
{
    private readonly SemaphoreSlim _connectGate = new(1, 1);
    private ConnectionMultiplexer? _own;

    public string? Configuration => configuration["Redis:Connection"] is { Length: > 0 } value ? value : null;

    public bool IsConfigured => Configuration is not null;

    public async Task<RedisStatus> PingAsync(CancellationToken ct = default)
    {
        if (Configuration is not { } config) return new RedisStatus(false, false, null, "not configured");
        try
        {
            var multiplexer = services.GetService<IConnectionMultiplexer>() ?? await OwnAsync(config);
            var rtt = await multiplexer.GetDatabase().PingAsync().WaitAsync(TimeSpan.FromSeconds(2), ct);
            return new RedisStatus(true, true, rtt.TotalMilliseconds, null);
        }
        catch (Exception e) when (e is RedisException or TimeoutException or OperationCanceledException)
        {
            log.LogDebug(e, "Redis ping failed");
            return new RedisStatus(true, false, null, e.Message);
        }
    }

    private async Task<ConnectionMultiplexer> OwnAsync(string config)
    {
        if (_own is not null) return _own;
        await _connectGate.WaitAsync();
        try
        {
            if (_own is null)
            {
                var options = ConfigurationOptions.Parse(config);
                options.AbortOnConnectFail = false;
                options.ConnectTimeout = 2000;
                _own = await ConnectionMultiplexer.ConnectAsync(options);
            }
            return _own;
        }
        finally
        {
            _connectGate.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_own is not null) await _own.DisposeAsync();
        _connectGate.Dispose();
    }
}

public sealed record RedisStatus(bool Configured, bool Connected, double? RoundTripMs, string? Error);
