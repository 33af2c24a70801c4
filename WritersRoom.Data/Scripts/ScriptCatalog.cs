using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Scripts;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Scripts;

/// <summary>
/// "My scripts": list, create, rename, delete. Every method takes the caller and checks their role in the same
/// query, so a forged script id reads as "not found" whatever the UI did.
/// </summary>
public sealed class ScriptCatalog(IDbContextFactory<WritersRoomDbContext> factory)
{
    public async Task<IReadOnlyList<ScriptSummary>> ListAsync(string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ScriptMembers.AsNoTracking()
            .Where(m => m.UserId == userId)
            .OrderByDescending(m => m.Script!.UpdatedAt)
            // A writer counts scenes by their headings; the paragraphs before the first heading are no scene to them.
            .Select(m => new ScriptSummary(m.ScriptId, m.Script!.Title, m.Role,
                m.Script.Scenes.Count(s => s.Blocks.Any(b => b.Type == ElementType.SceneHeading)), m.Script.UpdatedAt))
            .ToListAsync(ct);
    }

    public async Task<ScriptRole?> GetRoleAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.ScriptMembers.AsNoTracking()
            .Where(m => m.ScriptId == scriptId && m.UserId == userId)
            .Select(m => (ScriptRole?)m.Role)
            .FirstOrDefaultAsync(ct);
    }

    /// <summary>A blank script: one scene with an empty scene heading, ready to type into.</summary>
    public async Task<Guid> CreateBlankAsync(string userId, string title, CancellationToken ct = default)
    {
        title = RequireTitle(title);
        var script = new Script { Title = title };
        script.Members.Add(new ScriptMember { UserId = userId, Role = ScriptRole.Owner });
        var scene = new Scene { ScriptId = script.Id, Rank = Ranks.Sequence(1)[0], ContentHash = ContentHash.Of([]) };
        script.Scenes.Add(scene);
        scene.Blocks.Add(new Block { ScriptId = script.Id, Rank = Ranks.Sequence(1)[0], Type = ElementType.SceneHeading, UpdatedBy = userId });

        await using var db = await factory.CreateDbContextAsync(ct);
        db.Scripts.Add(script);
        await db.SaveChangesAsync(ct);
        return script.Id;
    }

    public async Task<bool> RenameAsync(string userId, Guid scriptId, string title, CancellationToken ct = default)
    {
        title = RequireTitle(title);
        await using var db = await factory.CreateDbContextAsync(ct);
        var updated = await db.Scripts
            .Where(s => s.Id == scriptId && s.Members.Any(m => m.UserId == userId && m.Role >= ScriptRole.Writer))
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.Title, title).SetProperty(s => s.UpdatedAt, DateTimeOffset.UtcNow), ct);
        return updated == 1;
    }

    /// <summary>Only an owner deletes; everything that belongs to the script goes with it (cascades).</summary>
    public async Task<bool> DeleteAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var deleted = await db.Scripts
            .Where(s => s.Id == scriptId && s.Members.Any(m => m.UserId == userId && m.Role == ScriptRole.Owner))
            .ExecuteDeleteAsync(ct);
        return deleted == 1;
    }

    private static string RequireTitle(string title)
    {
        title = title.Trim();
        if (title.Length == 0) throw new ArgumentException("A script needs a title.");
        if (title.Length > 300) throw new ArgumentException("A title is at most 300 characters.");
        return title;
    }
}
