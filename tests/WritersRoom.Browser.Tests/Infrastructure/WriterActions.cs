using Microsoft.Playwright;

namespace WritersRoom.Browser.Tests.Infrastructure;

/// <summary>What a writer does through the UI, by the stable data-testid hooks of TESTIDS.md.</summary>
public static class WriterActions
{
    public static async Task RegisterAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("register");
        await page.GetByTestId("register-email").FillAsync(email);
        await page.GetByTestId("register-password").FillAsync(password);
        await page.GetByTestId("register-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/register"));
    }

    public static async Task LoginAsync(IPage page, string email, string password)
    {
        await page.GotoAsync("login");
        await page.GetByTestId("login-email").FillAsync(email);
        await page.GetByTestId("login-password").FillAsync(password);
        await page.GetByTestId("login-submit").ClickAsync();
        await page.WaitForURLAsync(url => !url.Contains("/login"));
    }

    public static async Task LogoutAsync(IPage page)
    {
        await page.GetByTestId("logout").ClickAsync();
        await page.WaitForURLAsync(url => url.Contains("/login"));
    }
}
