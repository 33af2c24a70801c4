using Microsoft.EntityFrameworkCore;
using Npgsql;
using WritersRoom.Core.Scripts;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Scripts;

/// <summary>Writes a parsed screenplay as a new script owned by the caller: one transaction, scenes and blocks by COPY.</summary>
public sealed class ScriptImporter(IDbContextFactory<WritersRoomDbContext> factory)
{
    public async Task<Guid> ImportAsync(ParsedScreenplay screenplay, string fallbackTitle, string ownerId, CancellationToken ct = default)
    {
        var script = new Script
        {
            Title = Truncate(FountainTitle(screenplay) ?? fallbackTitle, 300),
            TitlePage = screenplay.TitlePage.ToList(),
            Extras = screenplay.Extras,
        };
        script.Members.Add(new ScriptMember { UserId = ownerId, Role = ScriptRole.Owner });

        var sceneGroups = SceneSplitter.Split(screenplay.Elements);
        var sceneRanks = Ranks.Sequence(sceneGroups.Count);
        var scenes = new List<Scene>();
        var blocks = new List<Block>();
        for (var i = 0; i < sceneGroups.Count; i++)
        {
            var group = sceneGroups[i];
            var scene = new Scene
            {
                ScriptId = script.Id,
                Rank = sceneRanks[i],
                SceneNumber = group[0].Type == ElementType.SceneHeading ? group[0].SceneNumber : null,
                ContentHash = ContentHash.Of(group.Select(e => (e.Type, e.Text))),
            };
            scenes.Add(scene);
            var blockRanks = Ranks.Sequence(group.Count);
            for (var j = 0; j < group.Count; j++)
            {
                var e = group[j];
                blocks.Add(new Block
                {
                    ScriptId = script.Id,
                    SceneId = scene.Id,
                    Rank = blockRanks[j],
                    Type = e.Type,
                    Text = e.Text,
                    Extension = e.Extension,
                    Dual = e.Dual,
                    Level = e.Level,
                    RevisionColor = e.RevisionColor,
                    Extras = e.Extras,
                    UpdatedBy = ownerId,
                });
            }
        }

        await using var db = await factory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        db.Scripts.Add(script);
        await db.SaveChangesAsync(ct);
        var connection = (NpgsqlConnection)db.Database.GetDbConnection();
        await ScriptBulkWriter.CopyScenesAsync(connection, scenes, ct);
        await ScriptBulkWriter.CopyBlocksAsync(connection, blocks, ct);
        await tx.CommitAsync(ct);
        return script.Id;
    }

    private static string? FountainTitle(ParsedScreenplay screenplay)
    {
        var title = screenplay.Title;
        if (string.IsNullOrWhiteSpace(title)) return null;
        // Title page values may carry emphasis markers and line breaks; the list shows one plain line.
        return string.Join(' ', title.Replace("*", "").Replace("_", "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
    }

    private static string Truncate(string s, int max) => s.Length <= max ? s : s[..max];
}
