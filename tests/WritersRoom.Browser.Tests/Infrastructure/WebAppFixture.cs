using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Browser.Tests.Infrastructure;

/// <summary>One test database, one running app and one browser, shared by the tests of a class.</summary>
public sealed class WebAppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public AppProcess App { get; private set; } = null!;
    public BrowserSession Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        App = new AppProcess(Database.ConnectionString);
        await App.StartAsync();
        Browser = await BrowserSession.LaunchAsync();
    }

    /// <summary>A browser context signed in as a new account, registered through the app's own endpoint.</summary>
    public async Task<(IBrowserContext Context, string UserId)> SignedInAsync(string name)
    {
        var context = await Browser.Browser.NewContextAsync(new() { BaseURL = App.BaseUri.ToString() });
        context.SetDefaultTimeout(15_000);
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

    /// <summary>A script owned by <paramref name="ownerId"/>, written straight to the database, with extra members.</summary>
    public async Task<Guid> ScriptAsync(string ownerId, string fountain, params (string UserId, ScriptRole Role)[] members)
    {
        var id = await new ScriptImporter(Database.Factory).ImportAsync(FountainParser.Parse(fountain), "Test", ownerId);
        await using var db = await Database.Factory.CreateDbContextAsync();
        foreach (var (user, role) in members) db.ScriptMembers.Add(new ScriptMember { ScriptId = id, UserId = user, Role = role });
        await db.SaveChangesAsync();
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
