using WritersRoom.Core.Fountain;
using WritersRoom.Core.Pdf;
using WritersRoom.Core.Screenplay;
using WritersRoom.Core.Tests.Fountain;
using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Pdf;

public class PaginatorTests
{
    public static TheoryData<string> FountainFiles() => new(Fixtures.FountainFiles());

    /// <summary>One-line actions that fill a page down to <paramref name="usedLines"/> rows (each action is a line and a blank).</summary>
    private static IEnumerable<ScriptElement> Filler(int usedLines) =>
        Enumerable.Range(0, (usedLines + 1) / 2).Select(i => Action($"Filler line {i}."));

    private static string Sentence(int i) => $"This is sentence number {i} of a long speech.";

    [Fact]
    public void A_speech_broken_across_pages_ends_with_MORE_and_resumes_with_CONTD()
    {
        var speech = string.Join(" ", Enumerable.Range(1, 12).Select(Sentence));
        var script = new ParsedScreenplay([], [.. Filler(45), Character("EDWARD", "V.O."), Dialogue(speech)]);

        var pages = Paginator.Paginate(script).Pages;

        Assert.Equal(2, pages.Count);
        var last = pages[0].Lines[^1].Line;
        Assert.Equal(LineRole.More, last.Role);
        Assert.Equal("(MORE)", last.Text);
        Assert.Equal(3.7, last.Indent);
        var first = pages[1].Lines[0];
        Assert.Equal((0, "EDWARD (V.O.) (CONT'D)"), (first.Row, first.Line.Text));
        Assert.Equal(LineRole.Continued, first.Line.Role);
        Assert.Equal(54, pages[0].Lines[^1].Row);
    }

    [Fact]
    public void A_speech_and_an_action_longer_than_several_pages_break_on_every_page_and_lose_no_line()
    {
        var speech = string.Join("\n", Enumerable.Range(1, 300).Select(i => $"Line {i}."));
        var action = string.Join("\n", Enumerable.Range(1, 300).Select(i => $"Beat {i}."));
        var script = new ParsedScreenplay([], [Character("EDWARD"), Dialogue(speech), Action(action)]);

        var pages = Paginator.Paginate(script).Pages;
        var texts = pages.SelectMany(p => p.Lines).Select(l => l.Line.Text).ToList();

        Assert.InRange(pages.Count, 11, 13);
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"Line {i}."), texts.Where(t => t.StartsWith("Line ", StringComparison.Ordinal)));
        Assert.Equal(Enumerable.Range(1, 300).Select(i => $"Beat {i}."), texts.Where(t => t.StartsWith("Beat ", StringComparison.Ordinal)));
        var speechPages = pages.Where(p => p.Lines.Any(l => l.Line.Text.StartsWith("Line ", StringComparison.Ordinal))).ToList();
        Assert.True(speechPages.Count >= 5);
        Assert.All(speechPages.SkipLast(1), p => Assert.Equal("(MORE)", p.Lines[^1].Line.Text));
        Assert.All(speechPages.Skip(1), p => Assert.Equal("EDWARD (CONT'D)", p.Lines[0].Line.Text));
    }

    [Fact]
    public void A_speech_already_marked_contd_is_not_marked_twice()
    {
        var speech = string.Join(" ", Enumerable.Range(1, 12).Select(Sentence));
        var script = new ParsedScreenplay([], [.. Filler(45), Character("EDWARD", "CONT'D"), Dialogue(speech)]);

        Assert.Equal("EDWARD (CONT'D)", Paginator.Paginate(script).Pages[1].Lines[0].Line.Text);
    }

    [Fact]
    public void A_page_never_ends_on_a_parenthetical_before_MORE()
    {
        var lines = new List<ScriptElement> { Character("BOB") };
        for (var i = 0; i < 10; i++)
        {
            lines.Add(Dialogue(Sentence(i)));
            lines.Add(Paren("(beat)"));
        }
        lines.Add(Dialogue("End."));

        foreach (var used in Enumerable.Range(30, 20))
        {
            var pages = Paginator.Paginate(new ParsedScreenplay([], [.. Filler(used), .. lines])).Pages;
            foreach (var page in pages.Where(p => p.Lines[^1].Line.Role == LineRole.More))
                Assert.NotEqual("(beat)", page.Lines[^2].Line.Text);
        }
    }

    [Fact]
    public void A_scene_heading_that_would_end_a_page_moves_to_the_next()
    {
        foreach (var used in Enumerable.Range(44, 12))
        {
            var script = new ParsedScreenplay([], [.. Filler(used), Heading("INT. HOUSE - DAY"), Action("Line one of a long action paragraph that wraps onto a second line of the page, easily.")]);
            var pages = Paginator.Paginate(script).Pages;
            AssertNoOrphanHeadings(pages);
        }
    }

    [Theory]
    [MemberData(nameof(FountainFiles))]
    public void Fixtures_have_no_orphan_headings_and_no_overfull_pages(string fileName)
    {
        var result = Paginator.Paginate(FountainParser.Parse(Fixtures.Read(fileName)));

        AssertNoOrphanHeadings(result.Pages);
        Assert.All(result.Pages, p => Assert.All(p.Lines, l => Assert.InRange(l.Row, 0, result.Options.LinesPerPage - 1)));
        Assert.All(result.Pages.Zip(result.Pages.Skip(1)), pair =>
            Assert.True(pair.Second.Lines[0].Line.Role != LineRole.More, "a page may not start with (MORE)"));
    }

    [Fact]
    public void Big_fish_runs_to_a_feature_length_page_count()
    {
        var result = Paginator.Paginate(FountainParser.Parse(Fixtures.Read("big-fish.fountain")));

        // The 2003 production draft is a 120-odd page feature; our layout should land in that region.
        Assert.InRange(result.Pages.Count, 110, 140);
        Assert.Equal(192, result.Scenes.Count);
        var eighths = result.Scenes.Sum(s => s.Eighths(result.Options.LinesPerPage));
        Assert.InRange(eighths / 8.0, result.Pages.Count * 0.8, result.Pages.Count * 1.1);
    }

    [Fact]
    public void A_page_break_element_starts_a_new_page()
    {
        var pages = Paginator.Paginate(new ParsedScreenplay([], [Action("One."), PageBreak(), Action("Two.")])).Pages;

        Assert.Equal(["One.", "Two."], pages.Select(p => p.Lines.Single().Line.Text));
    }

    [Fact]
    public void Wide_characters_take_two_columns_when_wrapping()
    {
        var cjk = new string('東', 40);

        var lines = LineWrapper.Wrap(FountainEmphasis.ToRuns(cjk), 35);

        Assert.Equal([17, 17, 6], lines.Select(l => string.Concat(l.Select(r => r.Text)).Length));
    }

    [Fact]
    public void Dual_dialogue_prints_side_by_side_on_shared_rows()
    {
        var script = FountainParser.Parse("STEEL\nScrew retirement.\n\nBRICK ^\nScrew retirement.\n");

        var lines = Paginator.Paginate(script).Pages.Single().Lines;

        Assert.Equal(4, lines.Count);
        Assert.Equal(2, lines.Select(l => l.Row).Distinct().Count());
        Assert.True(lines.Single(l => l.Line.Text == "BRICK").Line.Indent > lines.Single(l => l.Line.Text == "STEEL").Line.Indent + 2);
    }

    [Fact]
    public void Revised_lines_mark_the_page_with_the_latest_revision_colour()
    {
        var script = new ParsedScreenplay([], [Action("Old.") with { RevisionColor = "Blue" }, Action("New.") with { RevisionColor = "Pink" }, Action("Plain.")]);

        var page = Paginator.Paginate(script).Pages.Single();

        Assert.Equal("Pink Revision", page.RevisionLabel);
        Assert.Equal(["Blue", "Pink", null], page.Lines.Select(l => l.Line.RevisionColor));
    }

    [Fact]
    public void Scene_numbers_are_given_in_order_unless_the_script_has_them()
    {
        var script = new ParsedScreenplay([], [Heading("INT. A - DAY"), Action("a"), Heading("INT. B - DAY", "7A"), Action("b"), Heading("INT. C - DAY"), Action("c")]);

        var numbers = Paginator.Paginate(script, new PdfLayoutOptions { SceneNumbers = true }).Pages
            .SelectMany(p => p.Lines).Select(l => l.Line.SceneNumber).OfType<string>();

        Assert.Equal(["1", "7A", "3"], numbers);
    }

    private static void AssertNoOrphanHeadings(IReadOnlyList<Page> pages)
    {
        foreach (var page in pages.Take(pages.Count - 1))
            Assert.True(page.Lines[^1].Line.Role != LineRole.SceneHeading, $"page {page.Number} ends with the heading '{page.Lines[^1].Line.Text}'");
    }
}
