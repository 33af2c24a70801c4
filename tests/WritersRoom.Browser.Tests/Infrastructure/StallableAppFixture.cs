using Microsoft.Playwright;
using Npgsql;
using WritersRoom.Core.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Browser.Tests.Infrastructure;

/// <summary>
/// Like <see cref="WebAppFixture"/>, but the app reaches its database through a <see cref="LatencyProxy"/>, so a test
/// can stall the database (<see cref="Database"/>'s own reads go direct). A query gives up after a few seconds, without
/// waiting for its cancellation, which the stall would hold up as well.
/// </summary>
public sealed class StallableAppFixture : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public LatencyProxy Proxy { get; private set; } = null!;
    public AppProcess App { get; private set; } = null!;
    public BrowserSession Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Proxy = LatencyProxy.For(Database.ConnectionString);
        var connection = new NpgsqlConnectionStringBuilder(Proxy.Through(Database.ConnectionString))
        {
            CommandTimeout = 3, CancellationTimeout = -1, Timeout = 5,
        }.ConnectionString;
        App = new AppProcess(connection);
        await App.StartAsync();
        Browser = await BrowserSession.LaunchAsync();
    }

    public Task<(IBrowserContext Context, string UserId)> SignedInAsync(string name) =>
        TestAccounts.SignedInAsync(Browser.Browser, Database, App.BaseUri, name);

    public Task<Guid> ScriptAsync(string ownerId, string fountain, params (string UserId, ScriptRole Role)[] members) =>
        TestAccounts.ScriptAsync(Database, ownerId, fountain, members);

    public async ValueTask DisposeAsync()
    {
        if (Proxy is not null) Proxy.Delay = TimeSpan.Zero;
        if (Browser is not null) await Browser.DisposeAsync();
        if (App is not null) await App.DisposeAsync();
        if (Proxy is not null) await Proxy.DisposeAsync();
        await Database.DisposeAsync();
    }
}
