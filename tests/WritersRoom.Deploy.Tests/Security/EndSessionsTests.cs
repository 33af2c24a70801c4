using System.Net;
using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Security.Circuits;

namespace WritersRoom.Deploy.Tests.Security;

/// <summary>
/// An admin ends a user's sessions in the whole app (Production, real Identity): the user's cookie stops working on its
/// next request, a live circuit of theirs is ended at once (sent to the sign-in page), and the user can sign in again.
/// </summary>
public sealed class EndSessionsTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    private const string Password = "correct horse battery";

    private async Task<(AppUser Writer, ClaimsPrincipal Admin)> AccountsAsync(string name)
    {
        var writer = await app.CreateUserAsync($"{name}-writer@example.com", Password);
        var admin = await app.CreateUserAsync($"{name}-admin@example.com", Password);
        using var scope = app.Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        Assert.True((await users.AddToRoleAsync((await users.FindByIdAsync(admin.Id))!, Roles.Admin)).Succeeded);
        return (writer, new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, admin.Id)], "test")));
    }

    private UserAdministration Administration => app.Factory.Services.GetRequiredService<UserAdministration>();

    [Fact]
    public async Task After_an_admin_ends_the_sessions_the_old_cookie_is_refused_on_its_next_request_and_the_user_can_sign_in_again()
    {
        var ct = TestContext.Current.CancellationToken;
        var (writer, admin) = await AccountsAsync("cookie");
        var (_, cookie) = await app.SignInAsync(writer.Email!, Password, ct);
        Assert.NotNull(cookie);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/", cookie, ct)).StatusCode);

        Assert.Equal(UserChangeResult.Done, await Administration.EndSessionsAsync(admin, writer.Id, ct));

        var refused = await app.GetAsync("/", cookie, ct);
        Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
        Assert.StartsWith("/login", refused.Headers.Location!.OriginalString.TrimStart('.').Replace("http://localhost", "", StringComparison.Ordinal));
        Assert.Contains(app.Log.Entries, e => e.Category == AccountEvents.Category && e.Level == LogLevel.Warning
            && e.Message == $"Refused a session cookie of user {writer.Id}: its sessions were ended");
        Assert.Contains(app.Log.Entries, e => e.Category == AccountEvents.Category && e.Message == $"Sessions of account {writer.Id} ended by admin {admin.FindFirstValue(ClaimTypes.NameIdentifier)}");

        var (again, fresh) = await app.SignInAsync(writer.Email!, Password, ct);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.GetAsync("/", fresh, ct)).StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, (await app.GetAsync("/", cookie, ct)).StatusCode);
    }

    [Theory]
    [InlineData("end")]
    [InlineData("disable")]
    public async Task A_live_circuit_of_the_user_is_ended_at_once_and_sent_to_sign_in_and_other_users_circuits_go_on(string change)
    {
        var ct = TestContext.Current.CancellationToken;
        var (writer, admin) = await AccountsAsync("circuit-" + change);
        var bystander = await app.CreateUserAsync($"circuit-{change}-bystander@example.com", Password);
        await using var circuit = await CircuitAsync(writer);
        await using var other = await CircuitAsync(bystander);

        var result = change == "end"
            ? await Administration.EndSessionsAsync(admin, writer.Id, ct)
            : await Administration.SetDisabledAsync(admin, writer.Id, true, ct);

        Assert.Equal(UserChangeResult.Done, result);
        var ended = await circuit.Ended.WaitAsync(TimeSpan.FromSeconds(30), ct);
        Assert.Equal("/login", ended.RedirectTo);
        Assert.True(circuit.Guard.Ended);
        Assert.False(circuit.Guard.AdmitInbound());
        Assert.False(other.Guard.Ended);
        Assert.True((await other.Authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        Assert.Contains(app.Log.Entries, e => e.Category == AccountEvents.Category && e.Message.Contains($"of user {writer.Id}: its sessions were ended", StringComparison.Ordinal));
    }

    /// <summary>A circuit's scoped services as the framework sets them up when a signed-in browser connects.</summary>
    private async Task<Circuit> CircuitAsync(AppUser user)
    {
        var scope = app.Factory.Services.CreateAsyncScope();
        var principal = await scope.ServiceProvider.GetRequiredService<IUserClaimsPrincipalFactory<AppUser>>()
            .CreateAsync((await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(user.Id))!);
        var authentication = scope.ServiceProvider.GetRequiredService<AuthenticationStateProvider>();
        var guard = scope.ServiceProvider.GetRequiredService<CircuitGuard>();
        var ended = new TaskCompletionSource<CircuitEndedException>(TaskCreationOptions.RunContinuationsAsynchronously);
        guard.OnEnd(e => ended.TrySetResult(e));
        ((IHostEnvironmentAuthenticationStateProvider)authentication).SetAuthenticationState(Task.FromResult(new AuthenticationState(principal)));
        Assert.True((await authentication.GetAuthenticationStateAsync()).User.Identity?.IsAuthenticated);
        return new Circuit(scope, authentication, guard, ended.Task);
    }

    private sealed record Circuit(AsyncServiceScope Scope, AuthenticationStateProvider Authentication, CircuitGuard Guard, Task<CircuitEndedException> Ended)
        : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => Scope.DisposeAsync();
    }
}
