using Microsoft.EntityFrameworkCore;

namespace WritersRoom.Data.Scripts;

/// <summary>
/// Loads a script with exactly two queries: the script with its scenes, then all its blocks. Never one query
/// per scene or per block (the incident this project answers rebuilt a 148-scene document per connection).
/// Callers check access first.
/// </summary>
public sealed class ScriptDocumentLoader(IDbContextFactory<WritersRoomDbContext> factory)
{
    public async Task<ScriptDocument?> LoadAsync(Guid scriptId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var script = await db.Scripts.AsNoTracking()
            .Include(s => s.Scenes.OrderBy(scene => scene.Rank).ThenBy(scene => scene.Id))
            .FirstOrDefaultAsync(s => s.Id == scriptId, ct);
        if (script is null) return null;

        var scenes = script.Scenes;
        script.Scenes = [];
        var blocks = await db.Blocks.AsNoTracking()
            .Where(b => b.ScriptId == scriptId)
            .OrderBy(b => b.Rank).ThenBy(b => b.Id) // equal ranks (two instances inserting at one spot): by id, as live sessions do
            .ToListAsync(ct);

        var blocksByScene = blocks.ToLookup(b => b.SceneId);
        return new ScriptDocument(script, scenes.Select(s => new SceneDocument(s, blocksByScene[s.Id].ToList())).ToList());
    }
}
