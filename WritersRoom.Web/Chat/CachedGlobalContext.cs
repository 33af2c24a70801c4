using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Global context per script in the process cache. It changes only when the outline, logline or a sheet does,
/// so it is read from the database once and then served from memory; concurrent misses share one load (the Task
/// is cached, not a lock around I/O). Hit rate goes to the chat metrics.
/// </summary>
public sealed class CachedGlobalContext(IDbContextFactory<WritersRoomDbContext> factory, IMemoryCache cache, ChatMetrics metrics)
    : IGlobalContextSource
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(30);

    public async ValueTask<string?> GetAsync(Guid scriptId, CancellationToken ct = default)
    {
        var key = Key(scriptId);
        if (cache.TryGetValue(key, out Task<string?>? cached) && cached is not null && !cached.IsFaulted)
        {
            metrics.Cache("global_context", hit: true);
            return await cached;
        }

        metrics.Cache("global_context", hit: false);
        // The load must not be cancelled by one caller: others may be awaiting the same task.
        var load = LoadAsync(scriptId);
        _ = cache.Set(key, load, Lifetime);
        return await load.WaitAsync(ct);
    }

    public void Invalidate(Guid scriptId) => cache.Remove(Key(scriptId));

    private static (string, Guid) Key(Guid scriptId) => (nameof(CachedGlobalContext), scriptId);

    private async Task<string?> LoadAsync(Guid scriptId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var row = await db.Scripts.AsNoTracking().Where(s => s.Id == scriptId)
            .Select(s => new
            {
                s.Title,
                s.Logline,
                Outline = db.OutlineItems.Where(o => o.ScriptId == scriptId && o.Status == DraftStatus.Approved)
                    .OrderBy(o => o.Rank).Select(o => new { o.Kind, o.Title, o.Description }).Take(60).ToList(),
                Characters = db.Characters.Where(c => c.ScriptId == scriptId)
                    .OrderByDescending(c => c.LineCount).Select(c => new { c.Name, c.Sheet }).Take(8).ToList(),
            })
            .FirstOrDefaultAsync();
        if (row is null) return null;

        var text = new System.Text.StringBuilder($"Title: {row.Title}\n");
        if (!string.IsNullOrWhiteSpace(row.Logline)) text.Append("Logline: ").Append(row.Logline).Append('\n');
        foreach (var item in row.Outline)
            text.Append(item.Kind == OutlineKind.Beat ? "  - " : "- ").Append(item.Title)
                .Append(string.IsNullOrWhiteSpace(item.Description) ? "" : ": " + item.Description).Append('\n');
        foreach (var c in row.Characters)
            text.Append(c.Name).Append(string.IsNullOrWhiteSpace(c.Sheet) ? "" : ": " + c.Sheet).Append('\n');
        return text.ToString().TrimEnd();
    }
}
