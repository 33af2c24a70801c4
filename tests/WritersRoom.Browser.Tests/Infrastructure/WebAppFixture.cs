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
    public Task<(IBrowserContext Context, string UserId)> SignedInAsync(string name) =>
        TestAccounts.SignedInAsync(Browser.Browser, Database, App.BaseUri, name);

    /// <summary>A script owned by <paramref name="ownerId"/>, written straight to the database, with extra members.</summary>
    public Task<Guid> ScriptAsync(string ownerId, string fountain, params (string UserId, ScriptRole Role)[] members) =>
        TestAccounts.ScriptAsync(Database, ownerId, fountain, members);

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
