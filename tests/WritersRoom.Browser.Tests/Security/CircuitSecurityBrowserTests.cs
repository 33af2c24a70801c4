using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WritersRoom.Browser.Tests.Infrastructure;

namespace WritersRoom.Browser.Tests.Security;

/// <summary>
/// The server ending a real circuit in a real browser: a page that floods the connection, and a writer whose sessions an
/// admin ends while their page is open.
/// </summary>
public sealed class CircuitSecurityBrowserTests(WebAppFixture fixture) : IClassFixture<WebAppFixture>
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n";

    [Fact]
    public async Task A_page_that_floods_its_connection_with_events_has_its_circuit_ended_by_the_server()
    {
        var (context, writer) = await fixture.SignedInAsync("flooder");
        var script = await fixture.ScriptAsync(writer, Fountain);
        var page = await context.NewPageAsync();
        await WriterActions.OpenAsync(page, $"/scripts/{script}/assistant");
        var input = page.GetByTestId("chat-input");
        await input.WaitForAsync();

        // Far more events than anyone produces, in one go: each is a message on the circuit.
        await input.EvaluateAsync("box => { for (let i = 0; i < 5000; i++) { box.value = 'x' + i; box.dispatchEvent(new Event('input', { bubbles: true })); } }");

        await Assertions.Expect(page.Locator("#blazor-error-ui")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        Assert.Contains($"of user {writer}: the browser sent more than 200 messages a second", fixture.App.Output);
    }

    [Fact]
    public async Task When_an_admin_ends_a_writers_sessions_the_open_page_goes_to_sign_in_and_the_old_cookie_no_longer_works()
    {
        var (adminContext, admin) = await fixture.SignedInAsync("admin");
        await MakeAdminAsync(adminContext, admin);
        var (writerContext, writer) = await fixture.SignedInAsync("writer");
        var script = await fixture.ScriptAsync(writer, Fountain);
        var writerPage = await writerContext.NewPageAsync();
        await WriterActions.OpenAsync(writerPage, $"/scripts/{script}");
        await Assertions.Expect(writerPage.GetByTestId("script-title")).ToBeVisibleAsync();
        var adminPage = await adminContext.NewPageAsync();
        await WriterActions.OpenAsync(adminPage, "/admin/users");

        await adminPage.Locator($"[data-testid=user-item][data-user-id=\"{writer}\"] [data-testid=user-end-sessions]").ClickAsync();

        await writerPage.WaitForURLAsync(url => url.Contains("/login"), new() { Timeout = 30_000 });
        await Assertions.Expect(writerPage.GetByTestId("login-email")).ToBeVisibleAsync();
        await WriterActions.OpenAsync(writerPage, $"/scripts/{script}");
        Assert.Contains("/login", writerPage.Url);
        Assert.Contains($"of user {writer}: its sessions were ended", fixture.App.Output);
        // The admin's own page goes on.
        await Assertions.Expect(adminPage.Locator("#blazor-error-ui")).ToBeHiddenAsync();
        Assert.Contains("/admin/users", adminPage.Url);
    }

    /// <summary>Makes the account an admin (whichever test registered first got the role) and signs it in again, so its cookie says so.</summary>
    private async Task MakeAdminAsync(IBrowserContext context, string userId)
    {
        await using var db = await fixture.Database.Factory.CreateDbContextAsync();
        var role = await db.Roles.SingleAsync(r => r.Name == "Admin");
        if (!await db.UserRoles.AnyAsync(r => r.UserId == userId && r.RoleId == role.Id))
            db.UserRoles.Add(new IdentityUserRole<string> { UserId = userId, RoleId = role.Id });
        await db.SaveChangesAsync();
        var email = await db.Users.Where(u => u.Id == userId).Select(u => u.Email).SingleAsync();
        var response = await context.APIRequest.PostAsync("/account/login", new()
        {
            Headers = new Dictionary<string, string> { ["X-WritersRoom"] = "1" },
            DataObject = new { Email = email, Password = "writersroom-test-1", RememberMe = false },
        });
        Assert.True(response.Ok, await response.TextAsync());
    }
}
