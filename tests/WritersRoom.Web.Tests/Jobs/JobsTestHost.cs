using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Jobs;

/// <summary>
/// A host with the data, offline AI and jobs registrations against a test database. The scheduler is off
/// unless a test turns it on: most tests drive the jobs' work directly, with a clock they move.
/// </summary>
internal static class JobsTestHost
{
    public static IHost Build(TestDatabase database, TimeProvider? clock = null, Action<IServiceCollection>? services = null, params (string Key, string Value)[] settings) =>
        Create(database, clock, services, false, settings);

    /// <summary>The same host plus the scripts and chat registrations, for jobs that feed the assistant.</summary>
    public static IHost BuildWithChat(TestDatabase database, TimeProvider? clock = null, Action<IServiceCollection>? services = null, params (string Key, string Value)[] settings) =>
        Create(database, clock, services, true, settings);

    private static IHost Create(TestDatabase database, TimeProvider? clock, Action<IServiceCollection>? services, bool chat, (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var config = new Dictionary<string, string?>
        {
            ["ConnectionStrings:WritersRoom"] = database.ConnectionString,
            ["Ai:Provider"] = "Offline",
            ["Jobs:SchedulerEnabled"] = "false",
        };
        foreach (var (key, value) in settings) config[key] = value;
        builder.Configuration.AddInMemoryCollection(config);
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.Services.AddLogging();
        builder.AddWritersRoomData();
        builder.AddWritersRoomAi();
        if (chat) builder.AddWritersRoomScripts();
        builder.AddWritersRoomJobs();
        if (chat) builder.AddWritersRoomChat();
        if (clock is not null) builder.Services.AddSingleton(clock);
        services?.Invoke(builder.Services);
        return builder.Build();
    }

    public static Task<string> CreateUserAsync(TestDatabase database, string email) => TestUsers.CreateAsync(database.Factory, email);

    public static async Task<Guid> ImportAsync(TestDatabase database, ParsedScreenplay screenplay, string title)
    {
        var owner = await CreateUserAsync(database, $"{Guid.NewGuid():N}@example.com");
        return await new ScriptImporter(database.Factory).ImportAsync(screenplay, title, owner);
    }

    public static ParsedScreenplay SmallScript(int scenes) => new([], Enumerable.Range(1, scenes).SelectMany(i => new ScriptElement[]
    {
        new(ElementType.SceneHeading, $"INT. ROOM {i} - DAY"),
        new(ElementType.Action, $"Something happens in room {i}."),
        new(ElementType.Character, i % 2 == 0 ? "WILL (V.O.)" : "EDWARD"),
        new(ElementType.Dialogue, $"Line {i}."),
    }).ToList());

    /// <summary>What the editor does when it writes a scene: new block text, new hash, new change time.</summary>
    public static async Task<string> EditSceneAsync(TestDatabase database, Guid sceneId, string newAction, DateTimeOffset at)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var blocks = await db.Blocks.Where(b => b.SceneId == sceneId).OrderBy(b => b.Rank).ToListAsync();
        blocks.First(b => b.Type == ElementType.Action).Text = newAction;
        var hash = ContentHash.Of(blocks.Select(b => (b.Type, b.Text)));
        var scene = await db.Scenes.SingleAsync(s => s.Id == sceneId);
        scene.ContentHash = hash;
        scene.ContentChangedAt = at;
        await db.SaveChangesAsync();
        return hash;
    }
}

/// <summary>A clock the test moves by hand (debounce and backoff read it).</summary>
internal sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    // Whole seconds: Postgres keeps microseconds, so ticks would not round-trip.
    public DateTimeOffset Now { get; set; } = new(start.UtcTicks - start.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
    public override DateTimeOffset GetUtcNow() => Now;
    public void Advance(TimeSpan by) => Now += by;
}
