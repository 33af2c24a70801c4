using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Bible;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Cluster;

/// <summary>
/// Several app instances in one test process: one database, one Redis, and per instance its own service provider
/// with the real data, scripts, editing, bible and cluster registrations (group-commit writer and Redis backplane
/// running). A prefix of its own keeps each test's channels apart on the shared Redis.
/// </summary>
public sealed class InstanceCluster : IAsyncLifetime
{
    private readonly List<IHost> hosts = [];

    public TestDatabase Database { get; } = new();
    public string Prefix { get; } = "wr-test-" + Guid.NewGuid().ToString("N")[..12];

    public static string SharedRedis => TestEnvironment.Redis is { Length: > 0 } redis ? redis : "127.0.0.1:56379";

    public ValueTask InitializeAsync() => Database.InitializeAsync();

    /// <summary>Starts one more instance on the same database; <paramref name="redis"/> null: the shared test Redis.</summary>
    public async Task<Instance> StartAsync(string? redis = null, Action<IHostApplicationBuilder>? configure = null, params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:WritersRoom"] = Database.ConnectionString,
            ["Editing:CommitWindow"] = "00:00:00.010",
            ["Redis:Connection"] = redis ?? SharedRedis,
            ["Redis:Prefix"] = Prefix,
            ["Redis:PresenceInterval"] = "00:00:00.250",
            ["Redis:PresenceExpiry"] = "00:00:01.500",
        };
        foreach (var (key, value) in settings) config[key] = value;
        builder.Configuration.AddInMemoryCollection(config);
        builder.Services.AddLogging();
        builder.AddWritersRoomData();
        builder.AddWritersRoomScripts();
        builder.AddWritersRoomEditing();
        builder.AddWritersRoomBible();
        builder.AddWritersRoomCluster();
        configure?.Invoke(builder);
        var host = builder.Build();
        await host.StartAsync();
        lock (hosts) hosts.Add(host);
        return new Instance(host);
    }

    public Task<string> CreateUserAsync(string name) => TestUsers.CreateNamedAsync(Database.Factory, name);

    /// <summary>A script owned by <paramref name="ownerId"/> with the other users as writers.</summary>
    public Task<Guid> ScriptAsync(string fountain, string ownerId, params string[] writers) =>
        ScriptAsync(FountainParser.Parse(fountain), ownerId, writers);

    public async Task<Guid> ScriptAsync(ParsedScreenplay screenplay, string ownerId, params string[] writers)
    {
        var id = await new ScriptImporter(Database.Factory).ImportAsync(screenplay, "Test", ownerId);
        await using var db = await Database.Factory.CreateDbContextAsync();
        foreach (var user in writers) db.ScriptMembers.Add(new ScriptMember { ScriptId = id, UserId = user, Role = ScriptRole.Writer });
        await db.SaveChangesAsync();
        return id;
    }

    /// <summary>The script's paragraphs as stored, in reading order.</summary>
    public async Task<List<(Guid Id, string Text)>> StoredParagraphsAsync(Guid scriptId)
    {
        var document = await new ScriptDocumentLoader(Database.Factory).LoadAsync(scriptId);
        return document!.Scenes.SelectMany(s => s.Blocks).Select(b => (b.Id, b.Text)).ToList();
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var host in hosts)
        {
            try
            {
                using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(10));
                await host.StopAsync(stop.Token);
            }
            catch (OperationCanceledException) { }
            host.Dispose();
        }
        await Database.DisposeAsync();
    }
}

/// <summary>One running instance and the services a test drives on it.</summary>
public sealed class Instance(IHost host)
{
    public IServiceProvider Services => host.Services;
    public EditorService Editor => Services.GetRequiredService<EditorService>();
    public ScriptSessionRegistry Registry => Services.GetRequiredService<ScriptSessionRegistry>();
    public GlobalContextCache GlobalContext => Services.GetRequiredService<GlobalContextCache>();
    public ScriptAccess Access => Services.GetRequiredService<ScriptAccess>();

    /// <summary>The live session's paragraphs in reading order (the session must be live).</summary>
    public async Task<List<(Guid Id, string Text)>> ParagraphsAsync(Guid scriptId) =>
        (await Registry.FindLiveAsync(scriptId))!.Paragraphs().Select(p => (p.Id, p.Text)).ToList();

    public Task StopAsync() => host.StopAsync();
}
