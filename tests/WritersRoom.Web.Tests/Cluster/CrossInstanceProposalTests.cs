using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Components.Chat;
using WritersRoom.Web.Editing.Rewrites;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Tests.Chat;
using WritersRoom.Web.Tests.Components;
using WritersRoom.Web.Tests.Editing;
using WritersRoom.Web.Tests.Security;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Cluster;

/// <summary>
/// A proposal card open on one instance follows the decisions taken on another, through the shared Redis: the
/// assistant and the writer who applies are on instance A, the card being watched is on instance B.
/// </summary>
public sealed class CrossInstanceProposalTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Opening = "Edward wades in with the bait.";
    private const string Rewritten = "Edward wades into the river, bait held high.";
    private readonly (string, string)[] redis =
        [("Redis:Connection", InstanceCluster.SharedRedis), ("Redis:Prefix", "wr-test-" + Guid.NewGuid().ToString("N")[..12])];
    private RewriteRoom room = null!;
    private IHost other = null!;

    static CrossInstanceProposalTests() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    public async ValueTask InitializeAsync()
    {
        room = await RewriteRoom.StartAsync(database, redis);
        other = await ServiceHost.StartAsync(database.ConnectionString, new LogRecorder(), redis);
    }

    public async ValueTask DisposeAsync()
    {
        await other.StopAsync();
        other.Dispose();
        await room.DisposeAsync();
    }

    /// <summary>Instance B listens on Redis once a change published on A reaches it (its subscription starts in the background).</summary>
    private async Task BListensAsync()
    {
        var probe = Guid.NewGuid();
        var heard = 0;
        using var _ = other.Services.GetRequiredService<IProposalChanges>().Subscribe(probe, _ => Interlocked.Exchange(ref heard, 1));
        var publisher = room.Host.Services.GetRequiredService<IProposalChanges>();
        var change = new ProposalChanged(room.Script, probe, new RewriteProposal(Guid.NewGuid(), Guid.NewGuid(), 1, "", RewriteScope.Paragraph, [], [], null));
        for (var i = 0; i < 150 && Volatile.Read(ref heard) == 0; i++)
        {
            publisher.Publish(change);
            await Task.Delay(100, TestContext.Current.CancellationToken);
        }
        Assert.True(Volatile.Read(ref heard) == 1, "instance B hears instance A's proposal changes");
    }

    [Fact]
    public async Task A_rewrite_applied_and_undone_on_one_instance_updates_the_card_open_on_the_other()
    {
        var message = await room.AskForRewriteAsync(new { scene = "1", paragraph = Opening, text = Rewritten, reason = "More vivid." });
        var proposal = Assert.Single(message.Proposals);
        await BListensAsync();
        await using var context = MudTestContext.Create();
        context.SignIn(room.Owner);
        context.Services.AddLogging();
        foreach (var type in new[] { typeof(RewriteService), typeof(ScriptAccess), typeof(IProposalChanges) })
            context.Services.AddSingleton(type, other.Services.GetRequiredService(type));
        context.Services.AddScoped<CurrentUser>();
        context.AddCircuitGuard();
        var card = context.Render<RewriteProposalCard>(p =>
            p.Add(c => c.ScriptId, room.Script).Add(c => c.MessageId, message.Id).Add(c => c.Proposal, proposal));
        card.WaitForAssertion(() => Assert.False(card.Find("[data-testid=rewrite-apply]").HasAttribute("disabled")));

        await room.Rewrites.ApplyAsync(room.Owner, room.Script, message.Id, proposal.Id, TestContext.Current.CancellationToken);

        card.WaitForAssertion(() => Assert.Equal("applied", card.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status")));
        Assert.NotNull(card.Find("[data-testid=rewrite-undo]"));

        await room.Rewrites.UndoAsync(room.Owner, room.Script, message.Id, proposal.Id, TestContext.Current.CancellationToken);

        card.WaitForAssertion(() => Assert.Equal("undone", card.Find("[data-testid=rewrite-proposal]").GetAttribute("data-status")));
    }
}
