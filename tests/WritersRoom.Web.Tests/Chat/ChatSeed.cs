using Microsoft.EntityFrameworkCore;
using Pgvector;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>
/// Test data for the chat: accounts, imported scripts, and embeddings made with the offline hashed embedder
/// (what the embedding job does, done here directly while that job lands elsewhere).
/// </summary>
internal static class ChatSeed
{
    public static readonly HashedEmbedder Embedder = new();

    public static Task<string> UserAsync(IDbContextFactory<WritersRoomDbContext> factory, string email) => TestUsers.CreateAsync(factory, email);

    public static async Task MemberAsync(IDbContextFactory<WritersRoomDbContext> factory, Guid scriptId, string userId, ScriptRole role = ScriptRole.Writer)
    {
        await using var db = await factory.CreateDbContextAsync();
        db.ScriptMembers.Add(new ScriptMember { ScriptId = scriptId, UserId = userId, Role = role });
        await db.SaveChangesAsync();
    }

    public static async Task<Guid> ImportAsync(IDbContextFactory<WritersRoomDbContext> factory, string fountain, string owner, bool embed = true)
    {
        var id = await new ScriptImporter(factory).ImportAsync(FountainParser.Parse(fountain), "test", owner);
        if (embed) await EmbedAsync(factory, id);
        return id;
    }

    public static Task<Guid> ImportFixtureAsync(IDbContextFactory<WritersRoomDbContext> factory, string name, string owner) =>
        ImportAsync(factory, File.ReadAllText(TestEnvironment.Fixture(name)), owner);

    public static async Task EmbedAsync(IDbContextFactory<WritersRoomDbContext> factory, Guid scriptId)
    {
        await using var db = await factory.CreateDbContextAsync();
        var scenes = await db.Scenes.Where(s => s.ScriptId == scriptId)
            .Select(s => new { s.Id, s.ContentHash, Texts = s.Blocks.OrderBy(b => b.Rank).Select(b => b.Text).ToList() })
            .ToListAsync();
        db.SceneEmbeddings.AddRange(scenes.Select(s => new SceneEmbedding
        {
            SceneId = s.Id,
            ScriptId = scriptId,
            Model = Embedder.ModelId,
            Embedding = new Vector(Embedder.Embed(string.Join('\n', s.Texts))),
            Dimensions = Embedder.Dimensions,
            SourceHash = s.ContentHash,
        }));
        await db.SaveChangesAsync();
    }
}
