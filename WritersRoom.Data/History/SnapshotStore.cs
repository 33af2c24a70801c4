using Microsoft.EntityFrameworkCore;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.History;

/// <summary>A version in the history list: everything but its (large) content.</summary>
public sealed record SnapshotSummary(Guid Id, SnapshotKind Kind, string? Name, string? CreatedById, string? CreatedByName,
    long ScriptVersion, int SceneCount, DateTimeOffset CreatedAt);

/// <summary>
/// Snapshots of scripts: written by the history writer in the background, listed without their content, read
/// whole only to restore or compare. Callers check access first; every read is filtered by script as well as id.
/// </summary>
public sealed class SnapshotStore(IDbContextFactory<WritersRoomDbContext> factory)
{
    /// <summary>
    /// Stores a snapshot; if it is an automatic kind, drops the oldest automatic ones beyond
    /// <paramref name="keepAutomatic"/>. Named versions are kept until someone deletes them.
    /// </summary>
    public async Task AddAsync(Snapshot snapshot, int keepAutomatic, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Snapshots.Add(snapshot);
        await db.SaveChangesAsync(ct);
        if (snapshot.Kind == SnapshotKind.Named) return;
        await db.Snapshots
            .Where(s => s.ScriptId == snapshot.ScriptId && s.Kind != SnapshotKind.Named)
            .OrderByDescending(s => s.CreatedAt).ThenByDescending(s => s.Id)
            .Skip(keepAutomatic)
            .ExecuteDeleteAsync(ct);
    }

    /// <summary>Newest first, with the author's name; one query.</summary>
    public async Task<IReadOnlyList<SnapshotSummary>> ListAsync(Guid scriptId, int limit, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await (
                from s in db.Snapshots.AsNoTracking()
                where s.ScriptId == scriptId
                join u in db.Users on s.CreatedById equals u.Id into users
                from u in users.DefaultIfEmpty()
                orderby s.CreatedAt descending, s.Id descending
                select new SnapshotSummary(s.Id, s.Kind, s.Name, s.CreatedById, u == null ? null : u.DisplayName ?? u.Email,
                    s.ScriptVersion, s.SceneCount, s.CreatedAt))
            .Take(limit)
            .ToListAsync(ct);
    }

    /// <summary>The stored content of one snapshot of this script, or null (no such snapshot, or another script's).</summary>
    public async Task<(SnapshotSummary Summary, string Content)?> GetAsync(Guid scriptId, Guid snapshotId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var row = await db.Snapshots.AsNoTracking()
            .Where(s => s.Id == snapshotId && s.ScriptId == scriptId)
            .Select(s => new { s.Id, s.Kind, s.Name, s.CreatedById, s.ScriptVersion, s.SceneCount, s.CreatedAt, s.Content })
            .FirstOrDefaultAsync(ct);
        return row is null
            ? null
            : (new SnapshotSummary(row.Id, row.Kind, row.Name, row.CreatedById, null, row.ScriptVersion, row.SceneCount, row.CreatedAt), row.Content);
    }

    /// <summary>Renames a named version (or names an automatic one, which then is kept).</summary>
    public async Task<bool> NameAsync(Guid scriptId, Guid snapshotId, string name, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Snapshots.Where(s => s.Id == snapshotId && s.ScriptId == scriptId)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Name, name).SetProperty(s => s.Kind, SnapshotKind.Named), ct) == 1;
    }

    public async Task<bool> DeleteAsync(Guid scriptId, Guid snapshotId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Snapshots.Where(s => s.Id == snapshotId && s.ScriptId == scriptId).ExecuteDeleteAsync(ct) == 1;
    }
}
