using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Screenplay;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Bible;

/// <summary>Reads a script's bible for its page, for members only: the role is checked here, on the server.</summary>
public sealed class BibleReader(IDbContextFactory<WritersRoomDbContext> factory)
{
    private const int MaxLocations = 200;

    /// <summary>Null when the caller is not a member or the script does not exist (the two read the same).</summary>
    public async Task<BibleView?> LoadAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var head = await db.ScriptMembers.AsNoTracking().Where(m => m.ScriptId == scriptId && m.UserId == userId)
            .Select(m => new { m.Role, m.Script!.Title, m.Script.Logline }).FirstOrDefaultAsync(ct);
        if (head is null) return null;

        var characters = await db.Characters.AsNoTracking().Where(c => c.ScriptId == scriptId)
            .OrderByDescending(c => c.SceneCount).ThenBy(c => c.Name).ToListAsync(ct);
        var locations = await db.Locations.AsNoTracking().Where(l => l.ScriptId == scriptId)
            .OrderByDescending(l => l.SceneCount).ThenBy(l => l.Name).Take(MaxLocations).ToListAsync(ct);
        var outline = await db.OutlineItems.AsNoTracking().Where(o => o.ScriptId == scriptId && o.Status != DraftStatus.Rejected)
            .OrderBy(o => o.Rank).ToListAsync(ct);
        var state = await db.ScriptBibleStates.AsNoTracking().FirstOrDefaultAsync(s => s.ScriptId == scriptId, ct);
        var scenes = await db.Scenes.AsNoTracking().Where(s => s.ScriptId == scriptId).OrderBy(s => s.Rank)
            .Select(s => new { s.Id, s.SceneNumber, First = s.Blocks.OrderBy(b => b.Rank).Select(b => new { b.Type, b.Text }).FirstOrDefault() })
            .ToListAsync(ct);

        var refs = new List<SceneRef>(scenes.Count);
        var number = 0;
        foreach (var s in scenes)
        {
            var hasHeading = s.First?.Type == ElementType.SceneHeading;
            if (hasHeading) number++;
            refs.Add(new SceneRef(s.Id, s.SceneNumber ?? (hasHeading ? number.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),
                hasHeading ? s.First!.Text : "(opening)"));
        }

        return new BibleView(scriptId, head.Title, head.Role, head.Logline, characters, locations,
            outline.Where(o => o.Status == DraftStatus.Approved).ToList(), outline.Where(o => o.Status == DraftStatus.Pending).ToList(),
            refs, state?.OutlineRequestedAt, state?.OutlineDraftedAt);
    }
}
