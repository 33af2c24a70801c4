using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WritersRoom.Data;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Accounts;

public sealed record UserAccount(string Id, string Email, string? DisplayName, bool IsAdmin, bool IsDisabled, DateTimeOffset CreatedAt);

public enum UserChangeResult
{
    Done,
    NotFound,
    /// <summary>The change would leave no enabled administrator.</summary>
    LastAdmin,
}

/// <summary>
/// Accounts as an administrator manages them. Every call re-reads the caller from the database and insists on an
/// enabled Admin, so a stale circuit or a forged call gets nothing. Each operation has its own DI scope: Identity's
/// stores hold a DbContext, which must not outlive one operation in a long-lived circuit. A change that ends the
/// account's sessions (disabling, demoting, "End sessions") takes effect at once through <see cref="SessionEndings"/>;
/// each change is logged as an authentication event.
/// </summary>
public sealed class UserAdministration(IServiceScopeFactory scopes, SessionEndings endings, ILoggerFactory loggers)
{
    private readonly ILogger log = loggers.CreateLogger(AccountEvents.Category);

    public async Task<IReadOnlyList<UserAccount>> ListAsync(ClaimsPrincipal caller, CancellationToken ct = default)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        await RequireAdminAsync(users, caller);
        var admins = (await users.GetUsersInRoleAsync(Roles.Admin)).Select(u => u.Id).ToHashSet();
        var all = await users.Users.AsNoTracking().OrderBy(u => u.Email).ToListAsync(ct);
        return all.Select(u => new UserAccount(u.Id, u.Email ?? u.UserName ?? "", u.DisplayName, admins.Contains(u.Id), u.IsDisabled, u.CreatedAt)).ToList();
    }

    public Task<UserChangeResult> SetAdminAsync(ClaimsPrincipal caller, string userId, bool admin, CancellationToken ct = default) =>
        ChangeAsync(caller, userId, admin ? "made an Admin" : "made a Writer", ct, async (users, user, enabledAdminsBesides, endSessions) =>
        {
            var isAdmin = await users.IsInRoleAsync(user, Roles.Admin);
            if (isAdmin == admin) return UserChangeResult.Done;
            if (!admin && !user.IsDisabled && enabledAdminsBesides == 0) return UserChangeResult.LastAdmin;

            Check(await users.RemoveFromRoleAsync(user, admin ? Roles.Writer : Roles.Admin), allowNotInRole: true);
            Check(await users.AddToRoleAsync(user, admin ? Roles.Admin : Roles.Writer));
            // A demoted admin's cookie still says Admin: ending the sessions takes the role away at once.
            if (!admin) await endSessions();
            return UserChangeResult.Done;
        });

    public Task<UserChangeResult> SetDisabledAsync(ClaimsPrincipal caller, string userId, bool disabled, CancellationToken ct = default) =>
        ChangeAsync(caller, userId, disabled ? "disabled" : "enabled", ct, async (users, user, enabledAdminsBesides, endSessions) =>
        {
            if (user.IsDisabled == disabled) return UserChangeResult.Done;
            if (disabled && enabledAdminsBesides == 0 && await users.IsInRoleAsync(user, Roles.Admin)) return UserChangeResult.LastAdmin;

            user.IsDisabled = disabled;
            Check(await users.UpdateAsync(user));
            // Sign-in refuses a disabled account; a new stamp ends the sessions it already has.
            if (disabled) await endSessions();
            return UserChangeResult.Done;
        });

    /// <summary>Signs the account out everywhere at once (cookies and open circuits); unlike disabling, it may sign in again.</summary>
    public Task<UserChangeResult> EndSessionsAsync(ClaimsPrincipal caller, string userId, CancellationToken ct = default) =>
        ChangeAsync(caller, userId, "ended the sessions of", ct, async (_, _, _, endSessions) =>
        {
            await endSessions();
            return UserChangeResult.Done;
        });

    private async Task<UserChangeResult> ChangeAsync(ClaimsPrincipal caller, string userId, string action, CancellationToken ct,
        Func<UserManager<AppUser>, AppUser, int, Func<Task>, Task<UserChangeResult>> change)
    {
        await using var scope = scopes.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var db = scope.ServiceProvider.GetRequiredService<WritersRoomDbContext>();

        // Two admins demoting each other at the same moment must not both succeed: changes to who is an enabled
        // admin are serialised under the lock that first-account registration also takes.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({FirstAccountRole.LockKey})", ct);

        var admin = await RequireAdminAsync(users, caller);
        var user = await users.FindByIdAsync(userId);
        if (user is null) return UserChangeResult.NotFound;
        var enabledAdminsBesides = (await users.GetUsersInRoleAsync(Roles.Admin)).Count(u => u.Id != user.Id && !u.IsDisabled);

        // A new security stamp ends the sessions (the old one is what their cookies carry); told to everyone once committed.
        string? endedStamp = null;
        var sessionsEnded = false;
        var result = await change(users, user, enabledAdminsBesides, async () =>
        {
            endedStamp = await users.GetSecurityStampAsync(user);
            Check(await users.UpdateSecurityStampAsync(user));
            sessionsEnded = true;
        });
        await tx.CommitAsync(ct);
        if (result != UserChangeResult.Done) return result;
        log.LogWarning("Admin {AdminId} {Action} account {UserId}", admin.Id, action, user.Id);
        if (sessionsEnded)
        {
            endings.End(user.Id, endedStamp);
            log.LogWarning("Sessions of account {UserId} ended by admin {AdminId}", user.Id, admin.Id);
        }
        return result;
    }

    private static async Task<AppUser> RequireAdminAsync(UserManager<AppUser> users, ClaimsPrincipal caller)
    {
        var user = await users.GetUserAsync(caller);
        if (user is null || user.IsDisabled || !await users.IsInRoleAsync(user, Roles.Admin))
            throw new UnauthorizedAccessException("Only an administrator can manage accounts.");
        return user;
    }

    private static void Check(IdentityResult result, bool allowNotInRole = false)
    {
        if (result.Succeeded || (allowNotInRole && result.Errors.All(e => e.Code == "UserNotInRole"))) return;
        throw new InvalidOperationException(string.Join(" ", result.Errors.Select(e => e.Description)));
    }
}
