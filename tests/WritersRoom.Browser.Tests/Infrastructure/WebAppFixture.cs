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

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
        await Database.DisposeAsync();
    }
}
