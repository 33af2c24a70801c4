using Microsoft.Playwright;
using WritersRoom.TestSupport;

namespace WritersRoom.Browser.Tests.Infrastructure;

/// <summary>Debian's Chromium driven by Playwright's bundled driver; no browser is downloaded.</summary>
public sealed class BrowserSession : IAsyncDisposable
{
    private IPlaywright? playwright;
    public IBrowser Browser { get; private set; } = null!;

    public static async Task<BrowserSession> LaunchAsync()
    {
        // A busy 2-core CI machine renders a 192-scene script in seconds, not milliseconds: expectations wait as
        // long as actions do. They still fail on wrong content; only slowness is tolerated.
        Assertions.SetDefaultExpectTimeout(15_000);
        var session = new BrowserSession { playwright = await Playwright.CreateAsync() };
        session.Browser = await session.playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = TestEnvironment.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
        return session;
    }

    /// <summary>A fresh browser context (its own cookies): one per simulated writer.</summary>
    public async Task<IPage> NewPageAsync(Uri baseUri)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = baseUri.ToString() });
        context.SetDefaultTimeout(15_000);
        return await context.NewPageAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        playwright?.Dispose();
    }
}
