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
    public async Task<(IBrowserContext Context, string UserId)> SignedInAsync(string name, Uri origin)
    {
        var context = await Browser.Browser.NewContextAsync(new() { BaseURL = origin.ToString() });
        context.SetDefaultTimeout(20_000);
        var email = $"{name}-{Guid.NewGuid():N}@example.test";
        var response = await context.APIRequest.PostAsync("/account/register", new()
        {
            Headers = new Dictionary<string, string> { ["X-WritersRoom"] = "1" },
            DataObject = new { Email = email, Password = "writersroom-test-1", DisplayName = name },
        });
        Assert.True(response.Ok, await response.TextAsync());
        await using var db = await Database.Factory.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (context, id);
    }

    public async Task<Guid> ScriptAsync(string ownerId, string fountain, params (string UserId, ScriptRole Role)[] members)
    {
        var id = await new ScriptImporter(Database.Factory).ImportAsync(FountainParser.Parse(fountain), "Test", ownerId);
        await using var db = await Database.Factory.CreateDbContextAsync();
        foreach (var (user, role) in members) db.ScriptMembers.Add(new ScriptMember { ScriptId = id, UserId = user, Role = role });
        await db.SaveChangesAsync();
        return id;
    }

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
