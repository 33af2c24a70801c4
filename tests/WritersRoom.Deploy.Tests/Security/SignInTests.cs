using System.Net;
using System.Net.Http.Json;
using WritersRoom.Web.Accounts;

namespace WritersRoom.Deploy.Tests.Security;

/// <summary>The sign-in endpoint: the anti-forgery header, lockout after repeated failures, disabled accounts.</summary>
public sealed class SignInTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    private const string Password = "correct horse battery";

    [Fact]
    public async Task A_sign_in_without_the_custom_header_is_refused_even_with_the_right_password()
    {
        await app.CreateUserAsync("noheader@example.com", Password);

        var response = await app.Client().PostAsJsonAsync("/account/login", new { email = "noheader@example.com", password = Password },
            TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_is_refused_too()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.CreateUserAsync("locked@example.com", Password);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await LoginAsync("locked@example.com", "not the password", ct);
            Assert.Equal(HttpStatusCode.BadRequest, wrong.StatusCode);
        }

        var right = await LoginAsync("locked@example.com", Password, ct);

        Assert.Equal(HttpStatusCode.BadRequest, right.StatusCode);
        Assert.Contains("Too many failed attempts", await right.Content.ReadAsStringAsync(ct));
        Assert.False(right.Headers.Contains("Set-Cookie"));
        var user = await app.FindAsync("locked@example.com");
        Assert.True(user!.LockoutEnd > DateTimeOffset.UtcNow.AddMinutes(4), "locked for about five minutes");
    }

    [Fact]
    public async Task A_disabled_account_cannot_sign_in_with_its_right_password()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.CreateUserAsync("disabled@example.com", Password, disabled: true);

        var response = await LoginAsync("disabled@example.com", Password, ct);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("disabled", await response.Content.ReadAsStringAsync(ct));
        Assert.False(response.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task A_good_sign_in_sets_an_http_only_same_site_cookie()
    {
        var ct = TestContext.Current.CancellationToken;
        await app.CreateUserAsync("good@example.com", Password);

        var response = await LoginAsync("good@example.com", Password, ct);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith(".AspNetCore.Identity.Application=", StringComparison.Ordinal));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=lax", cookie, StringComparison.OrdinalIgnoreCase);
    }

    private Task<HttpResponseMessage> LoginAsync(string email, string password, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = JsonContent.Create(new { email, password }) };
        request.Headers.Add(AccountEndpoints.RequiredHeader, "1");
        return app.Client().SendAsync(request, ct);
    }
}
