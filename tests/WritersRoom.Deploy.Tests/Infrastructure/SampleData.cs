using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Fountain;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Deploy.Tests.Infrastructure;

/// <summary>A small room: two writers, the fixture screenplays imported, and a conversation with messages on each.</summary>
internal static class SampleData
{
    public static readonly string[] Fixtures = ["big-fish.fountain", "brick-and-steel.fountain", "the-last-birthday-card.fountain"];

    public static async Task<IReadOnlyList<Guid>> SeedAsync(IDbContextFactory<WritersRoomDbContext> factory, CancellationToken ct)
    {
        string ownerId;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            var owner = new AppUser { UserName = "owner@example.com", Email = "owner@example.com", NormalizedEmail = "OWNER@EXAMPLE.COM", NormalizedUserName = "OWNER@EXAMPLE.COM" };
            db.Users.Add(owner);
            await db.SaveChangesAsync(ct);
            ownerId = owner.Id;
        }

        var importer = new ScriptImporter(factory);
        var ids = new List<Guid>();
        foreach (var name in Fixtures)
        {
            var parsed = FountainParser.Parse(await File.ReadAllTextAsync(TestEnvironment.Fixture(name), ct));
            ids.Add(await importer.ImportAsync(parsed, Path.GetFileNameWithoutExtension(name), ownerId, ct));
        }

        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            foreach (var id in ids)
            {
                var conversation = new Conversation { ScriptId = id, CreatedById = ownerId, Title = "Where does it turn?" };
                db.Add(conversation);
                db.AddRange(
                    new Message { ConversationId = conversation.Id, Role = MessageRole.User, Content = $"Where does the story of {id} turn?" },
                    new Message { ConversationId = conversation.Id, Role = MessageRole.Assistant, Content = "At the river, in scene 12.", Timings = new() { ["context"] = 1.5 } });
            }
            await db.SaveChangesAsync(ct);
        }
        return ids;
    }
}
