using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Scripts;

public enum MemberChangeResult
{
    Done,
    NotFound,
    NoSuchUser,
    LastOwner,
}

/// <summary>Who is on a script. Listing needs membership; changes need the owner role.</summary>
public sealed class ScriptMembers(IDbContextFactory<WritersRoomDbContext> factory)
{
    public async Task<IReadOnlyList<MemberInfo>?> ListAsync(string callerId, Guid scriptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await IsMember(db, callerId, scriptId, ScriptRole.Reader, ct)) return null;
        return await db.ScriptMembers.AsNoTracking()
            .Where(m => m.ScriptId == scriptId)
            .OrderByDescending(m => m.Role).ThenBy(m => m.User!.Email)
            .Select(m => new MemberInfo(m.UserId, m.User!.Email ?? "", m.User.DisplayName, m.Role))
            .ToListAsync(ct);
    }

    /// <summary>Adds the account with this email, or changes its role if it is already a member.</summary>
    public async Task<MemberChangeResult> SetByEmailAsync(string callerId, Guid scriptId, string email, ScriptRole role, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await IsMember(db, callerId, scriptId, ScriptRole.Owner, ct)) return MemberChangeResult.NotFound;

        var normalized = email.Trim().ToUpperInvariant();
        var userId = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => u.Id).FirstOrDefaultAsync(ct);
        if (userId is null) return MemberChangeResult.NoSuchUser;
        return await SetRole(db, scriptId, userId, role, ct);
    }

    public async Task<MemberChangeResult> SetRoleAsync(string callerId, Guid scriptId, string userId, ScriptRole role, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await IsMember(db, callerId, scriptId, ScriptRole.Owner, ct)) return MemberChangeResult.NotFound;
        return await SetRole(db, scriptId, userId, role, ct);
    }

    public async Task<MemberChangeResult> RemoveAsync(string callerId, Guid scriptId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        if (!await IsMember(db, callerId, scriptId, ScriptRole.Owner, ct)) return MemberChangeResult.NotFound;
        if (await WouldLeaveNoOwner(db, scriptId, userId, ct)) return MemberChangeResult.LastOwner;
        await db.ScriptMembers.Where(m => m.ScriptId == scriptId && m.UserId == userId).ExecuteDeleteAsync(ct);
        return MemberChangeResult.Done;
    }

    private static async Task<MemberChangeResult> SetRole(WritersRoomDbContext db, Guid scriptId, string userId, ScriptRole role, CancellationToken ct)
    {
        var existing = await db.ScriptMembers.FirstOrDefaultAsync(m => m.ScriptId == scriptId && m.UserId == userId, ct);
        if (existing is null)
        {
            db.ScriptMembers.Add(new ScriptMember { ScriptId = scriptId, UserId = userId, Role = role });
        }
        else
        {
            if (role != ScriptRole.Owner && await WouldLeaveNoOwner(db, scriptId, userId, ct)) return MemberChangeResult.LastOwner;
            existing.Role = role;
        }
        await db.SaveChangesAsync(ct);
        return MemberChangeResult.Done;
    }

    private static async Task<bool> WouldLeaveNoOwner(WritersRoomDbContext db, Guid scriptId, string userId, CancellationToken ct) =>
        !await db.ScriptMembers.AnyAsync(m => m.ScriptId == scriptId && m.UserId != userId && m.Role == ScriptRole.Owner, ct);

    private static Task<bool> IsMember(WritersRoomDbContext db, string userId, Guid scriptId, ScriptRole atLeast, CancellationToken ct) =>
        db.ScriptMembers.AnyAsync(m => m.ScriptId == scriptId && m.UserId == userId && m.Role >= atLeast, ct);
}
