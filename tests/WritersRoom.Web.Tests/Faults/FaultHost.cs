using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WritersRoom.Data;
using WritersRoom.Web.Formats;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Faults;

/// <summary>
/// The service areas a circuit uses (scripts, editing, AI, chat, exports) over one connection string, with the pool
/// named <paramref name="poolName"/> so a test can read this host's pool in Npgsql's metrics (every other host in the
/// test process calls its pool "writersroom").
/// </summary>
internal static class FaultHost
{
    public static async Task<IHost> StartAsync(string connectionString, string poolName, LogRecorder logs, params (string Key, string Value)[] extra)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:WritersRoom"] = connectionString,
            ["Editing:CommitWindow"] = "00:00:00.010",
            ["Assistant:MessagesPerMinute"] = "10000",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        builder.Services.AddLogging(logging => logging.AddProvider(logs));
        builder.AddWritersRoomData();
        builder.AddWritersRoomScripts();
        builder.AddWritersRoomEditing();
        builder.AddWritersRoomAi();
        builder.AddWritersRoomChat();
        builder.AddWritersRoomFormats();
        // The last registration wins: the same data source as production's, under this test's own name.
        builder.Services.AddSingleton(_ => DataServiceCollectionExtensions.CreateDataSource(connectionString, poolName));
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }
}
