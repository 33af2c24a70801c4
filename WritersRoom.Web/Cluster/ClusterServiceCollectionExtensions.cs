using Microsoft.Extensions.Options;
using StackExchange.Redis;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Bible;
using WritersRoom.Web.Cluster;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Editing.Rewrites;
using WritersRoom.Web.Scripts;

// In the hosting namespace (as the other areas' registrations are) so Program.cs needs no extra using.
namespace Microsoft.Extensions.Hosting;

public static class ClusterServiceCollectionExtensions
{
    /// <summary>
    /// Several instances on one database (section <c>Redis</c>): when <c>Redis:Connection</c> is set, one
    /// StackExchange.Redis connection carries editing (committed rows, presence, resyncs) and cache invalidations
    /// (global context, membership, ended sessions, decisions on rewrite proposals) between instances. Without it nothing
    /// here is registered and an instance works alone with the in-process defaults of each area.
    /// </summary>
    public static IHostApplicationBuilder AddWritersRoomCluster(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<RedisOptions>().BindConfiguration(RedisOptions.SectionName)
            .ValidateDataAnnotations()
            .Validate(RedisOptions.HasValidDurations, "Redis: PresenceInterval must be positive and shorter than PresenceExpiry.")
            .ValidateOnStart();
        var redis = builder.Configuration.GetSection(RedisOptions.SectionName).Get<RedisOptions>() ?? new RedisOptions();
        if (!redis.IsConfigured) return builder;

        services.AddMetrics();
        services.AddSingleton<RedisMetrics>();
        services.AddSingleton<IConnectionMultiplexer>(sp => Connect(sp.GetRequiredService<IOptions<RedisOptions>>().Value));
        services.AddSingleton<RedisBackplane>();

        // Registered last wins over the areas' in-process defaults (they use TryAdd), whatever the order in Program.cs.
        services.AddSingleton<RedisInvalidations>();
        services.AddSingleton<IScriptInvalidationBus>(sp => sp.GetRequiredService<RedisInvalidations>());
        services.AddSingleton<IMembershipChanges>(sp => sp.GetRequiredService<RedisInvalidations>());
        services.AddSingleton<ISessionEndBus>(sp => sp.GetRequiredService<RedisInvalidations>());
        services.AddSingleton<IProposalChanges>(sp => sp.GetRequiredService<RedisInvalidations>());
        services.AddHostedService(sp => sp.GetRequiredService<RedisInvalidations>());

        services.AddSingleton<RedisEditingOutbox>();
        services.AddSingleton<IEditingFanOut>(sp => sp.GetRequiredService<RedisEditingOutbox>());
        services.AddHostedService<RemoteEditing>();
        return builder;
    }

    private static ConnectionMultiplexer Connect(RedisOptions redis)
    {
        var options = ConfigurationOptions.Parse(redis.Connection!);
        // Start (and keep running) without Redis: editing on this instance never waits for it.
        options.AbortOnConnectFail = false;
        // While Redis is away a publish fails at once instead of queueing stale messages; the database catches
        // everyone up when it is back.
        options.BacklogPolicy = BacklogPolicy.FailFast;
        options.ReconnectRetryPolicy = new LinearRetry(1000);
        if (!redis.Connection!.Contains("connectTimeout", StringComparison.OrdinalIgnoreCase)) options.ConnectTimeout = 2000;
        options.ClientName ??= "writersroom";
        return ConnectionMultiplexer.Connect(options);
    }
}
