using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Browser.Tests.ScaleOut;

/// <summary>
/// Two instances of the built app on one test database and the shared Redis (a channel prefix of their own), Quartz
/// clustered, behind nginx with sticky sessions; one browser.
/// </summary>
public sealed class ScaleOutFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public AppProcess First { get; private set; } = null!;
    public AppProcess Second { get; private set; } = null!;
    public Nginx Balancer { get; } = new();
    public BrowserSession Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        var settings = new Dictionary<string, string>
        {
            ["Redis__Connection"] = TestEnvironment.Redis is { Length: > 0 } redis ? redis : "127.0.0.1:56379",
            ["Redis__Prefix"] = "wr-browser-" + Guid.NewGuid().ToString("N")[..12],
            ["Redis__PresenceInterval"] = "00:00:01",
            ["Redis__PresenceExpiry"] = "00:00:04",
            ["Jobs__Clustered"] = "true",
            // The test reads which instance loaded the script from this line.
            ["Logging__LogLevel__WritersRoom.Web.Editing.ScriptSessionRegistry"] = "Information",
        };
        First = new AppProcess(Database.ConnectionString, settings);
        Second = new AppProcess(Database.ConnectionString, settings);
        // One at a time: both migrate the same database on start.
        await First.StartAsync();
        await Second.StartAsync();
        await Balancer.StartAsync([First.BaseUri, Second.BaseUri]);
        Browser = await BrowserSession.LaunchAsync();
    }

    /// <summary>A browser context on <paramref name="origin"/>, signed in as a new account registered there.</summary>
    public Task<(IBrowserContext Context, string UserId)> SignedInAsync(string name, Uri origin) =>
        TestAccounts.SignedInAsync(Browser.Browser, Database, origin, name, 20_000);

    public Task<Guid> ScriptAsync(string ownerId, string fountain, params (string UserId, ScriptRole Role)[] members) =>
        TestAccounts.ScriptAsync(Database, ownerId, fountain, members);

    public async Task<string> StoredTextAsync(Guid blockId)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        return await db.Blocks.Where(b => b.Id == blockId).Select(b => b.Text).SingleAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        await Balancer.DisposeAsync();
        if (First is not null) await First.DisposeAsync();
        if (Second is not null) await Second.DisposeAsync();
        await Database.DisposeAsync();
    }
}
