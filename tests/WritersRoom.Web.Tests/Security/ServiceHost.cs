using WritersRoom.TestSupport;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.Web.Formats;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Security;

/// <summary>
/// Every service area a circuit calls (scripts, editing, AI, chat, exports) over one database, as Program.cs
/// registers them, with the log kept so a test can check that a refusal was logged.
/// </summary>
internal static class ServiceHost
{
    public static async Task<IHost> StartAsync(string connectionString, LogRecorder logs, params (string Key, string Value)[] extra)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?>
        {
            ["ConnectionStrings:WritersRoom"] = connectionString,
            ["Editing:CommitWindow"] = "00:00:00.010",
            // The matrix sends many turns from one account; the rate limit is not what it tests.
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
        // Nothing without Redis:Connection; with it, the instance joins the others on that Redis.
        builder.AddWritersRoomCluster();
        var host = builder.Build();
        await host.StartAsync();
        return host;
    }

    /// <summary>Settings that point the AI area at a loopback fake model server.</summary>
    public static (string, string)[] FakeModel(string url) =>
    [
        ("Ai:Provider", "OpenAI"), ("Ai:Endpoint", url + "/v1"), ("Ai:ChatModel", "fake-chat"),
        ("Ai:EmbeddingModel", "fake-embed"), ("Ai:EmbeddingDimensions", "3"),
    ];

    public static Task<string> UserAsync(Microsoft.EntityFrameworkCore.IDbContextFactory<WritersRoomDbContext> factory, string name) =>
        TestUsers.CreateNamedAsync(factory, name);

    public static async Task AddMemberAsync(Microsoft.EntityFrameworkCore.IDbContextFactory<WritersRoomDbContext> factory, Guid scriptId, string userId, ScriptRole role)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.ScriptMembers.Add(new ScriptMember { ScriptId = scriptId, UserId = userId, Role = role });
        await db.SaveChangesAsync();
    }
}
