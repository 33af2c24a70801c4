// Each call here is short and bounded; the cluster (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using StackExchange.Redis;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Bible;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Cluster;

/// <summary>Caches that another instance's change makes stale are dropped there through Redis, not left to expire.</summary>
public sealed class CrossInstanceInvalidationTests : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n";
    private readonly InstanceCluster cluster = new();

    public ValueTask InitializeAsync() => cluster.InitializeAsync();
    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task An_outline_change_on_one_instance_rebuilds_the_global_context_on_the_other()
    {
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();
        var owner = await cluster.CreateUserAsync("Owner");
        var script = await cluster.ScriptAsync(Fountain, owner);
        Assert.Empty((await b.GlobalContext.Get(script)).Outline); // B has it cached now

        // What an outline edit on A does: write the approved item, then invalidate the script's global context.
        await using (var db = await cluster.Database.Factory.CreateDbContextAsync())
        {
            db.OutlineItems.Add(new OutlineItem { ScriptId = script, Kind = OutlineKind.Act, Rank = "a", Title = "Act One: the river" });
            await db.SaveChangesAsync();
        }
        Assert.Empty((await b.GlobalContext.Get(script)).Outline); // still B's cached copy: nothing told it yet
        await a.GlobalContext.Invalidate(script);

        await Eventually.TrueAsync(async () => (await b.GlobalContext.Get(script)).Outline.Any(o => o.Title == "Act One: the river"),
            "instance B rebuilds the global context with A's outline", 5);
    }

    [Fact]
    public async Task A_member_removed_on_one_instance_loses_access_on_the_other_at_once()
    {
        var a = await cluster.StartAsync();
        var b = await cluster.StartAsync();
        var owner = await cluster.CreateUserAsync("Owner");
        var writer = await cluster.CreateUserAsync("Writer");
        var script = await cluster.ScriptAsync(Fountain, owner, writer);
        Assert.Equal(ScriptRole.Writer, await b.Access.GetRoleAsync(writer, script)); // cached on B for 30 s

        await using (var db = await cluster.Database.Factory.CreateDbContextAsync())
            await db.ScriptMembers.Where(m => m.ScriptId == script && m.UserId == writer).ExecuteDeleteAsync();
        a.Access.Forget(writer, script);

        await Eventually.TrueAsync(async () => await b.Access.GetRoleAsync(writer, script) is null,
            "instance B forgets the removed member's role well before its 30 s cache lifetime", 5);
    }
}

/// <summary>Without <c>Redis:Connection</c> nothing of the backplane is registered: an instance works alone as before.</summary>
public sealed class SingleInstanceRegistrationTests
{
    [Fact]
    public void Without_a_Redis_connection_the_in_process_defaults_stay()
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration["ConnectionStrings:WritersRoom"] = "Host=127.0.0.1;Database=unused";
        builder.Services.AddLogging();
        WritersRoom.Data.DataServiceCollectionExtensions.AddWritersRoomData(builder);
        builder.AddWritersRoomScripts();
        builder.AddWritersRoomEditing();
        builder.AddWritersRoomBible();
        builder.AddWritersRoomCluster();
        using var host = builder.Build();

        Assert.Null(host.Services.GetService<IConnectionMultiplexer>());
        Assert.IsType<NoFanOut>(host.Services.GetRequiredService<IEditingFanOut>());
        Assert.IsType<InProcessInvalidationBus>(host.Services.GetRequiredService<IScriptInvalidationBus>());
        Assert.IsType<LocalMembershipChanges>(host.Services.GetRequiredService<IMembershipChanges>());
    }
}
