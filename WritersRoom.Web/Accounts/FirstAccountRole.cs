using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WritersRoom.Data;

namespace WritersRoom.Web.Accounts;

/// <summary>
/// The first account on an instance becomes Admin, later ones Writers. Checked and assigned under one advisory
/// lock so two registrations at the same moment cannot both become the first.
/// </summary>
public sealed class FirstAccountRole(IDbContextFactory<WritersRoomDbContext> factory)
{
    /// <summary>Serialises every change to who is an administrator.</summary>
    internal const long LockKey = 0x5752_4144_4D49_4E;

    public async Task<string> AssignAsync(string newUserId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({LockKey})", ct);
        var roles = await db.Roles.Where(r => r.Name == Roles.Admin || r.Name == Roles.Writer).ToDictionaryAsync(r => r.Name!, r => r.Id, ct);
        var adminExists = await db.UserRoles.AnyAsync(ur => ur.RoleId == roles[Roles.Admin], ct);
        var role = adminExists ? Roles.Writer : Roles.Admin;
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = newUserId, RoleId = roles[role] });
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return role;
    }

    /// <summary>Creates the application roles once; run at start-up after migrations.</summary>
    public static async Task EnsureRolesAsync(IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var roles = scope.ServiceProvider.GetRequiredService<RoleManager<IdentityRole>>();
        foreach (var name in new[] { Roles.Admin, Roles.Writer })
        {
            if (!await roles.RoleExistsAsync(name)) await roles.CreateAsync(new IdentityRole(name));
        }
    }
}
