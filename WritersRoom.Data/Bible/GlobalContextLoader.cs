using Microsoft.EntityFrameworkCore;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Bible;

/// <summary>What every assistant answer about a script starts from: logline, approved outline, main characters' approved sheets.</summary>
public sealed record GlobalContext(Guid ScriptId, string? Logline, IReadOnlyList<(OutlineKind Kind, string Title, string? Description)> Outline,
    IReadOnlyList<(string Name, string Sheet)> Characters);

/// <summary>Reads a script's global context in three small queries on one short-lived context.</summary>
public sealed class GlobalContextLoader(IDbContextFactory<WritersRoomDbContext> factory)
{
    public const int MainCharacters = 8;

    public async Task<GlobalContext> LoadAsync(Guid scriptId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var logline = await db.Scripts.Where(s => s.Id == scriptId).Select(s => s.Logline).FirstOrDefaultAsync(ct);
        var outline = await db.OutlineItems.Where(o => o.ScriptId == scriptId && o.Status == DraftStatus.Approved)
            .OrderBy(o => o.Rank).Select(o => new { o.Kind, o.Title, o.Description }).ToListAsync(ct);
        var characters = await db.Characters.Where(c => c.ScriptId == scriptId && c.Sheet != null)
            .OrderByDescending(c => c.SceneCount).ThenBy(c => c.Name).Take(MainCharacters)
            .Select(c => new { c.Name, c.Sheet }).ToListAsync(ct);
        return new GlobalContext(scriptId, logline,
            outline.Select(o => (o.Kind, o.Title, o.Description)).ToList(),
            characters.Select(c => (c.Name, c.Sheet!)).ToList());
    }
}
