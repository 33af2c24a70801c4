using Microsoft.Playwright;

namespace WritersRoom.Browser.Tests.Infrastructure;

/// <summary>What a writer does through the UI, by the stable data-testid hooks of TESTIDS.md.</summary>
public static class WriterActions
{
    /// <summary>Navigates and waits for the interactive circuit, so what the test types reaches the server.</summary>
    public static async Task OpenAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await WaitForCircuitAsync(page);
    }

    public static Task WaitForCircuitAsync(IPage page) =>
        page.GetByTestId("circuit-ready").WaitForAsync(new() { State = WaitForSelectorState.Attached });

    /// <summary>Imports a file through the script list and waits for the script page it opens (a client-side navigation).</summary>
    public static async Task ImportAsync(IPage page, string path)
    {
        var input = page.GetByTestId("script-import");
        // Blazor's InputFile listens for "change" only once its script has run (after the first render); a file set
        // before that is never read. Its init marks the element, so wait for the mark on a loaded machine.
        await input.EvaluateAsync("el => new Promise(r => { const t = () => el._blazorInputFileNextFileId !== undefined ? r() : setTimeout(t, 50); t(); })",
            null, new() { Timeout = 30_000 });
        await input.SetInputFilesAsync(path);
        // Nothing is written until the writer has seen the preview and confirmed it.
        await page.GetByTestId("import-confirm").ClickAsync(new() { Timeout = 30_000 });
        await Assertions.Expect(page).ToHaveURLAsync(new System.Text.RegularExpressions.Regex("/scripts/[0-9a-f-]{36}$"), new() { Timeout = 30_000 });
    }

    public static async Task RegisterAsync(IPage page, string email, string password)
    {
        await OpenAsync(page, "register");
        await page.GetByTestId("register-email").FillAsync(email);
        await page.GetByTestId("register-password").FillAsync(password);
        await page.GetByTestId("register-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/register"));
        await WaitForCircuitAsync(page);
    }

    public static async Task LoginAsync(IPage page, string email, string password)
    {
        await OpenAsync(page, "login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login"));
        await WaitForCircuitAsync(page);
    }

    public static async Task LogoutAsync(IPage page)
    {
        await page.GetByTestId("logout").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login"));
    }
}
