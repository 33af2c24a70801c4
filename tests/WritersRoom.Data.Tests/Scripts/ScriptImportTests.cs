using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Fdx;
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

    private const string Crafted = "unmodelled.fdx (made for this test)";

    public static TheoryData<string> FdxFiles() =>
        new([.. Directory.GetFiles(TestEnvironment.FixturesDir, "*.fdx").Select(f => Path.GetFileName(f)).Order(), Crafted]);

    [Theory]
    [MemberData(nameof(FdxFiles))]
    public async Task An_fdx_import_stored_and_loaded_exports_the_same_fdx_as_a_direct_convert(string file)
    {
        var ct = TestContext.Current.CancellationToken;
        var bytes = file == Crafted ? FdxSamples.UnmodelledBytes : await File.ReadAllBytesAsync(TestEnvironment.Fixture(file), ct);
        var direct = FdxReader.Read(bytes).Screenplay;
        string owner;
        await using (var db = await database.Factory.CreateDbContextAsync(ct)) owner = await TestUsers.CreateAsync(db, $"fdx{Guid.NewGuid():N}@example.com");

        var id = await new ScriptImporter(database.Factory).ImportAsync(direct, "fallback", owner, ct);
        var stored = (await new ScriptDocumentLoader(database.Factory).LoadAsync(id, ct))!.ToScreenplay();

        // Paragraphs with their kept attributes, types and child elements, and the file's own settings, all come back.
        Assert.NotNull(direct.Extras);
        Assert.Equal(direct.Extras, stored.Extras);
        Assert.Equal(direct.Elements, stored.Elements);
        // A script without a title page gets its title on export; otherwise the export is the convert's, byte for byte.
        var expected = direct.TitlePage.Count > 0 ? direct : direct with { TitlePage = [new TitleEntry("Title", "fallback")] };
        Assert.Equal(FdxWriter.Write(expected), FdxWriter.Write(stored));

        // Only paragraphs that kept something have a value; the others stay SQL NULL (not a JSON null).
        await using var count = database.DataSource.CreateCommand("SELECT count(*) FROM blocks WHERE script_id = $1 AND extras IS NOT NULL");
        count.Parameters.AddWithValue(id);
        Assert.Equal(direct.Elements.Count(e => e.Extras is not null), Convert.ToInt32(await count.ExecuteScalarAsync(ct)));
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
