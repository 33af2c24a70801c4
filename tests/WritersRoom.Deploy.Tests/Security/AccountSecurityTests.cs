using System.Net;
using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Logging;
using WritersRoom.Web.Accounts;

namespace WritersRoom.Deploy.Tests.Security;

/// <summary>
/// The account endpoints as a browser (or a hostile page elsewhere) reaches them: cookie flags under HTTPS, the
/// anti-forgery header on every account post (the app has no other form posts: its forms run in the circuit), and the
/// authentication events in the log.
/// </summary>
public sealed class AccountSecurityTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    private const string Password = "correct horse battery";

    private static string? Cookie(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues("Set-Cookie", out var values) ? values.FirstOrDefault(c => c.StartsWith(name, StringComparison.Ordinal)) : null;

    [Fact]
    public async Task Under_https_the_session_cookie_is_secure_http_only_and_same_site()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.CreateUserAsync("tls@example.com", Password);

        var (response, _) = await app.SignInAsync("tls@example.com", Password, ct, app.HttpsClient());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var session = Cookie(response, SecurityApp.SessionCookie + "=");
        Assert.NotNull(session);
        Assert.Contains("; secure", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; httponly", session, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; samesite=lax", session, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Over_plain_http_the_cookie_is_secure_only_when_security_secure_cookies_says_tls_ends_in_front()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.CreateUserAsync("plain@example.com", Password);
        await using var behindProxy = app.Factory.WithWebHostBuilder(web => web.UseSetting("Security:SecureCookies", "true"));

        var (plain, _) = await app.SignInAsync("plain@example.com", Password, ct);
        var (proxied, _) = await app.SignInAsync("plain@example.com", Password, ct,
            behindProxy.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false }));

        Assert.DoesNotContain("; secure", Cookie(plain, SecurityApp.SessionCookie + "=")!, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("; secure", Cookie(proxied, SecurityApp.SessionCookie + "=")!, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/account/login")]
    [InlineData("/account/register")]
    [InlineData("/account/logout")]
    public async Task An_account_post_without_the_custom_header_is_refused_as_a_cross_site_form_would_send_it(string path)
    {
        var ct = TestContext.Current.CancellationToken;
        await app.CreateUserAsync($"forged{path.Replace('/', '-')}@example.com", Password);
        var json = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = JsonContent.Create(new { email = $"forged{path.Replace('/', '-')}@example.com", password = Password }),
        };
        // What a form on another site can send: urlencoded, its own Origin, and no custom header (that would need CORS).
        var form = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Content = new FormUrlEncodedContent([new("email", $"forged{path.Replace('/', '-')}@example.com"), new("password", Password)]),
        };
        form.Headers.Add("Origin", "https://evil.example");

        foreach (var request in new[] { json, form })
        {
            var response = await app.Client().SendAsync(request, ct);
            Assert.True(response.StatusCode is HttpStatusCode.BadRequest or HttpStatusCode.UnsupportedMediaType, $"{path}: {(int)response.StatusCode}");
            Assert.Null(Cookie(response, SecurityApp.SessionCookie + "="));
            Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
        }
    }

    [Fact]
    public async Task Sign_in_failures_lockout_success_and_sign_out_are_logged_as_authentication_events()
    {
        var ct = TestContext.Current.CancellationToken;
        var user = await app.CreateUserAsync("events@example.com", Password);
        var locked = await app.CreateUserAsync("events-locked@example.com", Password);

        await app.SignInAsync("nobody-here@example.com", Password, ct);
        await app.SignInAsync("events@example.com", "not the password", ct);
        var (_, cookie) = await app.SignInAsync("events@example.com", Password, ct);
        for (var i = 0; i < 5; i++) await app.SignInAsync("events-locked@example.com", "not the password", ct);
        var logout = new HttpRequestMessage(HttpMethod.Post, "/account/logout");
        logout.Headers.Add(AccountEndpoints.RequiredHeader, "1");
        logout.Headers.Add("Cookie", cookie!);
        Assert.Equal(HttpStatusCode.OK, (await app.Client().SendAsync(logout, ct)).StatusCode);

        var events = app.Log.Entries.Where(e => e.Category == AccountEvents.Category).Select(e => (e.Level, e.Message)).ToList();
        Assert.Contains((LogLevel.Warning, "Failed sign-in for unknown account nobody-here@example.com"), events);
        Assert.Contains((LogLevel.Warning, $"Failed sign-in for {user.Id}"), events);
        Assert.Contains((LogLevel.Information, $"User {user.Id} signed in"), events);
        Assert.Contains((LogLevel.Warning, $"Account {locked.Id} locked out after failed sign-ins"), events);
        Assert.Contains((LogLevel.Information, $"User {user.Id} signed out"), events);
    }
}
