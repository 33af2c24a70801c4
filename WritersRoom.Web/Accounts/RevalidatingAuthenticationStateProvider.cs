using System.Security.Claims;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Security.Circuits;

namespace WritersRoom.Web.Accounts;

/// <summary>
/// Re-checks a circuit's user every minute: a disabled account, a changed security stamp (an admin ended the
/// sessions, a password change) or a deleted user signs the circuit out. Ended sessions (<see cref="SessionEndings"/>)
/// do not wait for that: the circuit is ended the moment this instance hears of it.
/// </summary>
public sealed class RevalidatingAuthenticationStateProvider : RevalidatingServerAuthenticationStateProvider
{
    private readonly IServiceScopeFactory scopeFactory;
    private readonly IOptions<IdentityOptions> options;
    private readonly SessionEndings endings;
    private readonly CircuitGuard guard;
    private readonly ILogger log;
    private IDisposable? watch;

    public RevalidatingAuthenticationStateProvider(ILoggerFactory loggerFactory, IServiceScopeFactory scopeFactory,
        IOptions<IdentityOptions> options, SessionEndings endings, CircuitGuard guard) : base(loggerFactory)
    {
        this.scopeFactory = scopeFactory;
        this.options = options;
        this.endings = endings;
        this.guard = guard;
        log = loggerFactory.CreateLogger(AccountEvents.Category);
        AuthenticationStateChanged += Watch;
    }

    protected override TimeSpan RevalidationInterval => TimeSpan.FromMinutes(1);

    protected override async Task<bool> ValidateAuthenticationStateAsync(AuthenticationState state, CancellationToken ct)
    {
        await using var scope = scopeFactory.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        return await IsStillValidAsync(users, state.User, options.Value);
    }

    public static async Task<bool> IsStillValidAsync(UserManager<AppUser> users, ClaimsPrincipal principal, IdentityOptions options)
    {
        var user = await users.GetUserAsync(principal);
        if (user is null || user.IsDisabled) return false;
        if (!users.SupportsUserSecurityStamp) return true;
        var principalStamp = principal.FindFirstValue(options.ClaimsIdentity.SecurityStampClaimType);
        return principalStamp == await users.GetSecurityStampAsync(user);
    }

    /// <summary>Each time the circuit's user is set (at the start, on a reconnect, on sign-out), watch that account.</summary>
    private void Watch(Task<AuthenticationState> state) => _ = WatchAsync(state);

    private async Task WatchAsync(Task<AuthenticationState> state)
    {
        try
        {
            var user = (await state).User;
            var userId = user.FindFirstValue(options.Value.ClaimsIdentity.UserIdClaimType);
            Interlocked.Exchange(ref watch, null)?.Dispose();
            if (userId is null) return;
            var stamp = user.FindFirstValue(options.Value.ClaimsIdentity.SecurityStampClaimType);
            // Already ended (the circuit connected between the end and its cookie's refusal): at once too.
            if (endings.HasEnded(userId, stamp)) SessionsEnded(userId);
            else watch = endings.Watch(userId, () => SessionsEnded(userId));
        }
        catch (Exception e)
        {
            log.LogError(e, "Watching a circuit's account for ended sessions failed");
        }
    }

    /// <summary>
    /// The circuit is ended at once: the browser is sent to the sign-in page (where the old cookie is refused) and the
    /// circuit torn down, so a client that ignores the redirect gets nothing more. Not signed out first: that would send
    /// the page to the sign-in form a second way, racing the first.
    /// </summary>
    private void SessionsEnded(string userId)
    {
        log.LogWarning("Ending circuit {CircuitId} of user {UserId}: its sessions were ended", guard.CircuitId, userId);
        guard.End(userId, "the account's sessions were ended", redirectTo: "/login");
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            AuthenticationStateChanged -= Watch;
            Interlocked.Exchange(ref watch, null)?.Dispose();
        }
        base.Dispose(disposing);
    }
}
