using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Retrieval;
using WritersRoom.Data;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>Reads for the assistant's tools, always scoped to one script id given by the server, never by the model.</summary>
public sealed class ScriptReader(SceneCorpus corpus, IDbContextFactory<WritersRoomDbContext> factory)
{
    public Task<IReadOnlyList<SceneDocument>> ScenesAsync(Guid scriptId, CancellationToken ct) => corpus.LoadAsync(scriptId, "", null, ct);

    public async Task<Character?> CharacterAsync(Guid scriptId, string name, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var folded = name.Trim().ToUpperInvariant();
        return await db.Characters.AsNoTracking().FirstOrDefaultAsync(c => c.ScriptId == scriptId && c.Name == folded, ct);
    }

    /// <summary>Type and cue details of paragraphs of this script (ids of another script find nothing): one query.</summary>
    public async Task<IReadOnlyDictionary<Guid, (Core.Screenplay.ElementType Type, string? Extension, bool Dual)>> FormsAsync(
        Guid scriptId, IReadOnlyCollection<Guid> blockIds, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var rows = await db.Blocks.AsNoTracking().Where(b => b.ScriptId == scriptId && blockIds.Contains(b.Id))
            .Select(b => new { b.Id, b.Type, b.Extension, b.Dual }).ToListAsync(ct);
        return rows.ToDictionary(r => r.Id, r => (r.Type, r.Extension, r.Dual));
    }

    public async Task<IReadOnlyList<OutlineItem>> OutlineAsync(Guid scriptId, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        // Only the outline the writers approved: a pending draft is not the script's outline.
        return await db.OutlineItems.AsNoTracking().Where(o => o.ScriptId == scriptId && o.Status == DraftStatus.Approved)
            .OrderBy(o => o.Rank).Take(200).ToListAsync(ct);
    }
}
