using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Bible;

/// <summary>
/// The writer's decisions on the outline: approve or reject the pending draft, write items by hand, edit and delete
/// them, ask for a new draft. A draft replaces the approved outline only when the writer approves it. Every change to
/// the approved outline rebuilds the global context. Callers check the writer's rights first (see <see cref="BibleEditor"/>).
/// </summary>
public sealed class OutlineEditor(IDbContextFactory<WritersRoomDbContext> factory, GlobalContextCache cache, TimeProvider time)
{
    public const int MaxTitle = 300;
    public const int MaxDescription = 4000;

    /// <summary>The pending draft becomes the outline, replacing the approved one. False when there is no draft.</summary>
    public async Task<bool> ApproveDraftAsync(Guid scriptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (!await db.OutlineItems.AnyAsync(o => o.ScriptId == scriptId && o.Status == DraftStatus.Pending, ct)) return false;
        await db.OutlineItems.Where(o => o.ScriptId == scriptId && o.Status == DraftStatus.Approved).ExecuteDeleteAsync(ct);
        var now = time.GetUtcNow();
        await db.OutlineItems.Where(o => o.ScriptId == scriptId && o.Status == DraftStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(o => o.Status, DraftStatus.Approved).SetProperty(o => o.UpdatedAt, now), ct);
        await tx.CommitAsync(ct);
        await cache.Invalidate(scriptId, ct);
        return true;
    }

    public async Task<bool> RejectDraftAsync(Guid scriptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.OutlineItems.Where(o => o.ScriptId == scriptId && o.Status == DraftStatus.Pending).ExecuteDeleteAsync(ct) > 0;
    }

    /// <summary>The job drafts again on its next run (the current draft, if any, is replaced by the new one).</summary>
    public async Task RequestDraftAsync(Guid scriptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow().ToUniversalTime();
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO script_bible_states (script_id, outline_requested_at) VALUES ({scriptId}, {now})
            ON CONFLICT (script_id) DO UPDATE SET outline_requested_at = excluded.outline_requested_at
            """, ct);
    }

    /// <summary>
    /// Adds an approved item written by hand at the end of <paramref name="parentId"/>'s children (or of the outline).
    /// Null when the parent is not an approved item of this script or cannot hold that kind.
    /// </summary>
    public async Task<OutlineItem?> AddAsync(Guid scriptId, Guid? parentId, OutlineKind kind, string title, string? description,
        IReadOnlyCollection<Guid> sceneIds, CancellationToken ct = default)
    {
        var (cleanTitle, cleanDescription) = Clean(title, description);
        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var outline = await db.OutlineItems.Where(o => o.ScriptId == scriptId && o.Status == DraftStatus.Approved)
            .OrderBy(o => o.Rank).Select(o => new { o.Id, o.ParentId, o.Kind, o.Rank }).ToListAsync(ct);

        string? before = outline.Count > 0 ? outline[^1].Rank : null;
        string? after = null;
        if (parentId is { } pid)
        {
            var at = outline.FindIndex(o => o.Id == pid);
            if (at < 0 || outline[at].Kind >= kind) return null;
            // The parent's subtree is the run of items after it that descend from it; the new item goes at its end.
            var inside = new HashSet<Guid> { pid };
            var last = at;
            for (var i = at + 1; i < outline.Count && outline[i].ParentId is { } p && inside.Contains(p); i++)
            {
                inside.Add(outline[i].Id);
                last = i;
            }
            before = outline[last].Rank;
            after = last + 1 < outline.Count ? outline[last + 1].Rank : null;
        }

        var item = new OutlineItem
        {
            ScriptId = scriptId, ParentId = parentId, Kind = kind, Rank = Ranks.Between(before, after), Title = cleanTitle,
            Description = cleanDescription, SceneIds = await OwnScenesAsync(db, scriptId, sceneIds, ct),
            Status = DraftStatus.Approved, AiDrafted = false, UpdatedAt = time.GetUtcNow(),
        };
        db.OutlineItems.Add(item);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        await cache.Invalidate(scriptId, ct);
        return item;
    }

    /// <summary>Edits an item (approved, or still a draft). False when it is not an item of this script.</summary>
    public async Task<bool> UpdateAsync(Guid scriptId, Guid itemId, string title, string? description, IReadOnlyCollection<Guid> sceneIds, CancellationToken ct = default)
    {
        var (cleanTitle, cleanDescription) = Clean(title, description);
        await using var db = await factory.CreateDbContextAsync(ct);
        var item = await db.OutlineItems.FirstOrDefaultAsync(o => o.Id == itemId && o.ScriptId == scriptId, ct);
        if (item is null) return false;
        (item.Title, item.Description, item.UpdatedAt) = (cleanTitle, cleanDescription, time.GetUtcNow());
        item.SceneIds = await OwnScenesAsync(db, scriptId, sceneIds, ct);
        await db.SaveChangesAsync(ct);
        if (item.Status == DraftStatus.Approved) await cache.Invalidate(scriptId, ct);
        return true;
    }

    /// <summary>Deletes an item and everything under it.</summary>
    public async Task<bool> DeleteAsync(Guid scriptId, Guid itemId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var status = await db.OutlineItems.Where(o => o.Id == itemId && o.ScriptId == scriptId).Select(o => (DraftStatus?)o.Status).FirstOrDefaultAsync(ct);
        if (status is null) return false;
        await db.OutlineItems.Where(o => o.Id == itemId && o.ScriptId == scriptId).ExecuteDeleteAsync(ct);
        if (status == DraftStatus.Approved) await cache.Invalidate(scriptId, ct);
        return true;
    }

    public async Task SetLoglineAsync(Guid scriptId, string? logline, CancellationToken ct = default)
    {
        var text = string.IsNullOrWhiteSpace(logline) ? null : logline.Trim();
        if (text is { Length: > MaxDescription }) throw new ArgumentException($"A logline has at most {MaxDescription} characters.", nameof(logline));
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Scripts.Where(s => s.Id == scriptId).ExecuteUpdateAsync(u => u.SetProperty(s => s.Logline, text), ct);
        await cache.Invalidate(scriptId, ct);
    }

    private static (string Title, string? Description) Clean(string title, string? description)
    {
        var t = title?.Trim() ?? "";
        if (t.Length == 0) throw new ArgumentException("An outline item needs a title.", nameof(title));
        if (t.Length > MaxTitle) throw new ArgumentException($"A title has at most {MaxTitle} characters.", nameof(title));
        var d = string.IsNullOrWhiteSpace(description) ? null : description.Trim();
        if (d is { Length: > MaxDescription }) throw new ArgumentException($"A description has at most {MaxDescription} characters.", nameof(description));
        return (t, d);
    }

    // A link may only point at this script's scenes, whatever the browser sent.
    private static async Task<List<Guid>> OwnScenesAsync(WritersRoomDbContext db, Guid scriptId, IReadOnlyCollection<Guid> sceneIds, CancellationToken ct)
    {
        if (sceneIds.Count == 0) return [];
        var ids = sceneIds.Distinct().ToList();
        var own = await db.Scenes.Where(s => s.ScriptId == scriptId && ids.Contains(s.Id)).Select(s => s.Id).ToListAsync(ct);
        return ids.Where(own.Contains).ToList();
    }
}
