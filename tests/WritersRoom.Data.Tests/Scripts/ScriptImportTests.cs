using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Data.Tests.Scripts;

public sealed class ScriptImportTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Big_Fish_imports_every_scene_and_paragraph_and_loads_back_in_two_queries()
    {
        var ct = TestContext.Current.CancellationToken;
        var parsed = FountainParser.Parse(await File.ReadAllTextAsync(TestEnvironment.Fixture("big-fish.fountain"), ct));
        string owner;
        await using (var db = await database.Factory.CreateDbContextAsync(ct)) owner = await TestUsers.CreateAsync(db, "bigfish@example.com");

        var watch = Stopwatch.StartNew();
        var id = await new ScriptImporter(database.Factory).ImportAsync(parsed, "big-fish", owner, ct);
        TestContext.Current.TestOutputHelper?.WriteLine($"Big Fish import: {watch.ElapsedMilliseconds} ms");

        var counter = new RoundTripCounter();
        var document = await new ScriptDocumentLoader(database.CreateFactory(counter)).LoadAsync(id, ct);

        Assert.NotNull(document);
        Assert.Equal(2, counter.Count);
        var headings = parsed.Elements.Count(e => e.Type == ElementType.SceneHeading);
        Assert.Equal(192, headings); // 190 INT/EXT plus 2 EXT/INT; the fixture README also counts two INTERCUT lines
        Assert.Equal(headings, document.Scenes.Count(s => s.Blocks.FirstOrDefault()?.Type == ElementType.SceneHeading));
        Assert.Equal(parsed.Elements.Count, document.BlockCount);
        // Order survives: the paragraphs read back in the order they were written.
        var texts = document.Scenes.SelectMany(s => s.Blocks).Select(b => (b.Type, b.Text)).ToList();
        Assert.Equal(parsed.Elements.Select(e => (e.Type, e.Text)), texts);
    }

    [Fact]
    public async Task A_failed_import_leaves_nothing_behind()
    {
        var ct = TestContext.Current.CancellationToken;
        var parsed = new ParsedScreenplay([], [new ScriptElement(ElementType.SceneHeading, "INT. ROOM - DAY"), new ScriptElement(ElementType.Action, "Text.")]);

        // An owner id that is no account violates a foreign key half way through the insert.
        await Assert.ThrowsAnyAsync<DbUpdateException>(() => new ScriptImporter(database.Factory).ImportAsync(parsed, "x", "no-such-user", ct));

        await using var db = await database.Factory.CreateDbContextAsync(ct);
        Assert.False(await db.Scripts.AnyAsync(s => s.Title == "x", ct));
        Assert.Equal(0, await db.Blocks.CountAsync(b => b.Text == "Text.", ct));
    }
}
