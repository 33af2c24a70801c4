using Microsoft.EntityFrameworkCore;
using WritersRoom.Data;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Bible;

/// <summary>
/// The writer's decisions on character sheets. Only these change <see cref="Character.Sheet"/>: a draft
/// sits in <see cref="Character.DraftSheet"/> until approved, so it never overwrites approved text silently.
/// Callers check the writer's rights on the script first.
/// </summary>
public sealed class CharacterSheets(IDbContextFactory<WritersRoomDbContext> factory, GlobalContextCache cache, TimeProvider time)
{
    /// <summary>Makes the pending draft (or the writer's edit of it) the sheet. False if there was no pending draft.</summary>
    public async Task<bool> ApproveDraft(Guid scriptId, Guid characterId, string? editedText = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var changed = await db.Characters
            .Where(c => c.Id == characterId && c.ScriptId == scriptId && c.DraftStatus == DraftStatus.Pending && c.DraftSheet != null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Sheet, c => editedText ?? c.DraftSheet)
                .SetProperty(c => c.DraftSheet, (string?)null)
                .SetProperty(c => c.DraftStatus, DraftStatus.Approved)
                .SetProperty(c => c.UpdatedAt, now), ct);
        if (changed > 0) await cache.Invalidate(scriptId, ct);
        return changed > 0;
    }

    public async Task<bool> RejectDraft(Guid scriptId, Guid characterId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var changed = await db.Characters
            .Where(c => c.Id == characterId && c.ScriptId == scriptId && c.DraftStatus == DraftStatus.Pending)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.DraftSheet, (string?)null).SetProperty(c => c.DraftStatus, DraftStatus.Rejected), ct);
        return changed > 0;
    }

    /// <summary>The writer writes the sheet by hand; any pending draft is discarded.</summary>
    public async Task<bool> Write(Guid scriptId, Guid characterId, string sheet, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var now = time.GetUtcNow();
        var changed = await db.Characters.Where(c => c.Id == characterId && c.ScriptId == scriptId)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.Sheet, sheet).SetProperty(c => c.DraftSheet, (string?)null)
                .SetProperty(c => c.DraftStatus, DraftStatus.Approved).SetProperty(c => c.UpdatedAt, now), ct);
        if (changed > 0) await cache.Invalidate(scriptId, ct);
        return changed > 0;
    }
}
