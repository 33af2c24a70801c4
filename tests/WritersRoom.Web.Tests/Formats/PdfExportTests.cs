using System.Diagnostics;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Pdf;
using WritersRoom.Core.Screenplay;
using WritersRoom.TestSupport;
using WritersRoom.Web.Formats;

namespace WritersRoom.Web.Tests.Formats;

/// <summary>PDF exports read back with PdfPig: what a producer sees on each page.</summary>
public sealed class PdfExportTests
{
    private static readonly Lazy<ScriptFonts> Fonts = new(() => new ScriptFonts());
    private static PdfRenderer Renderer => new(Fonts.Value);

    private static byte[] Render(ParsedScreenplay screenplay, PdfLayoutOptions? options = null)
    {
        using var output = new MemoryStream();
        Renderer.Render(screenplay, options ?? new PdfLayoutOptions(), output, TestContext.Current.CancellationToken);
        return output.ToArray();
    }

    private static ParsedScreenplay BigFish() => FountainParser.Parse(File.ReadAllText(TestEnvironment.Fixture("big-fish.fountain")));

    /// <summary>Body lines only: the header (page number, revision label) sits above the 1" margin.</summary>
    private static List<PdfLine> Body(List<PdfLine> page) => page.Where(l => l.Top > 0.9).ToList();

    [Fact]
    public void Big_fish_exports_with_a_title_page_and_every_page()
    {
        var script = BigFish();
        Renderer.Render(new ParsedScreenplay([], [new ScriptElement(ElementType.Action, "warm-up")]), new PdfLayoutOptions(), Stream.Null, TestContext.Current.CancellationToken);

        // The 3 s budget is measured and reported, not asserted (PERFORMANCE.md: no timed assertions in tests).
        var watch = Stopwatch.StartNew();
        var pdf = Render(script);
        watch.Stop();
        TestContext.Current.SendDiagnosticMessage($"Big Fish PDF: {watch.ElapsedMilliseconds} ms, {pdf.Length / 1024} KB");

        var pages = PdfText.Pages(pdf);
        var expected = Paginator.Paginate(script).Pages.Count;
        Assert.Equal(expected + 1, pages.Count);
        Assert.InRange(expected, 110, 140);
        Assert.Contains(pages[0], l => l.Text == "Big Fish");
        Assert.Contains(pages[0], l => l.Text == "John August");
        // Page one of the script has no number; the next carries "2." top right.
        Assert.DoesNotContain(pages[1], l => l.Top < 0.9);
        Assert.Contains(pages[2], l => l.Top < 0.9 && l.Text == "2.");
    }

    [Fact]
    public void Every_element_prints_at_its_industry_indent_in_a_courier_metric_font_at_12_points()
    {
        var script = new ParsedScreenplay([], [
            new ScriptElement(ElementType.SceneHeading, "INT. HOUSE - DAY"), new ScriptElement(ElementType.Action, "Bob waits."),
            new ScriptElement(ElementType.Character, "BOB"), new ScriptElement(ElementType.Parenthetical, "(quietly)"),
            new ScriptElement(ElementType.Dialogue, "Hello."), new ScriptElement(ElementType.Transition, "CUT TO:"),
        ]);

        var pdf = Render(script, new PdfLayoutOptions { TitlePage = false });
        var lines = Body(PdfText.Pages(pdf).Single()).ToDictionary(l => l.Text, l => l.Left);

        // Inches from the page's left edge (US Letter): headings and action 1.5, dialogue 2.5, parentheticals 3.1,
        // cues 3.7; a transition ends at the 7.5" right margin (10 characters an inch).
        Assert.Equal(1.5, lines["INT. HOUSE - DAY"], 0.02);
        Assert.Equal(1.5, lines["Bob waits."], 0.02);
        Assert.Equal(3.7, lines["BOB"], 0.02);
        Assert.Equal(3.1, lines["(quietly)"], 0.02);
        Assert.Equal(2.5, lines["Hello."], 0.02);
        Assert.Equal(7.5 - 0.1 * "CUT TO:".Length, lines["CUT TO:"], 0.02);
        Assert.Equal([12.0], PdfText.PointSizes(pdf));
        Assert.All(PdfText.FontNames(pdf), f => Assert.Contains("LiberationMono", f, StringComparison.Ordinal));
    }

    [Fact]
    public void Big_fish_pages_never_end_with_a_scene_heading_and_hold_at_most_55_lines()
    {
        var script = BigFish();
        var headings = script.Elements.Where(e => e.Type == ElementType.SceneHeading).Select(e => e.Text).ToHashSet();

        var pages = PdfText.Pages(Render(script)).Skip(1).ToList();

        foreach (var page in pages.Take(pages.Count - 1))
        {
            var body = Body(page);
            Assert.DoesNotContain(body[^1].Text.Trim(), headings);
            Assert.True(body.Count <= 55, $"{body.Count} lines");
        }
        // Courier 12 pt: the body starts 1" down and never runs past about 10.2".
        Assert.All(pages.SelectMany(Body), l => Assert.InRange(l.Top, 1.0, 10.3));
    }

    [Fact]
    public void A_speech_across_a_page_break_prints_MORE_at_the_bottom_and_CONTD_at_the_top()
    {
        var filler = Enumerable.Range(0, 23).Select(i => new ScriptElement(ElementType.Action, $"Filler line {i}."));
        var speech = string.Join(" ", Enumerable.Range(1, 12).Select(i => $"This is sentence number {i} of a long speech."));
        var script = new ParsedScreenplay([], [.. filler, new ScriptElement(ElementType.Character, "EDWARD"), new ScriptElement(ElementType.Dialogue, speech)]);

        var pages = PdfText.Pages(Render(script));

        Assert.Equal(2, pages.Count);
        var bottom = Body(pages[0])[^1];
        Assert.Equal("(MORE)", bottom.Text.Trim());
        Assert.Equal(3.7, bottom.Left, 0.05);
        var top = Body(pages[1])[0];
        Assert.Equal("EDWARD (CONT'D)", top.Text.Trim());
        Assert.Equal(1.0, top.Top, 0.2);
    }

    [Fact]
    public void Accents_cyrillic_and_cjk_render_with_embedded_fonts()
    {
        var script = new ParsedScreenplay([new TitleEntry("Title", "Ночь в Токио")], [
            new ScriptElement(ElementType.SceneHeading, "INT. CAFÉ - NIGHT"),
            new ScriptElement(ElementType.Action, "Zoë orders crème brûlée. Привет, мир. 東京の夜は長い。"),
        ]);

        var pdf = Render(script);
        var pages = PdfText.Pages(pdf);

        Assert.Contains(pages[0], l => l.Text == "Ночь в Токио");
        var body = string.Join("\n", pages[1].Select(l => l.Text));
        Assert.Contains("INT. CAFÉ - NIGHT", body);
        Assert.Contains("Zoë orders crème brûlée. Привет, мир.", body);
        Assert.Contains("東京の夜は長い。", body.Replace(" ", ""));
        var fonts = PdfText.FontNames(pdf).ToList();
        Assert.Contains(fonts, f => f.Contains("LiberationMono", StringComparison.Ordinal));
        Assert.Contains(fonts, f => !f.Contains("LiberationMono", StringComparison.Ordinal));
    }

    [Fact]
    public void Revised_lines_get_an_asterisk_and_the_page_the_colour_name_in_its_header()
    {
        var script = new ParsedScreenplay([], [
            new ScriptElement(ElementType.Action, "Unchanged line."),
            new ScriptElement(ElementType.Action, "Changed line.") { RevisionColor = "Blue" },
        ]);

        var page = PdfText.Pages(Render(script)).Single();

        Assert.Contains(page, l => l.Top < 0.9 && l.Text == "Blue Revision");
        Assert.Contains(page, l => l.Text.StartsWith("Changed line.", StringComparison.Ordinal) && l.Text.EndsWith('*'));
        Assert.Contains(page, l => l.Text == "Unchanged line.");
    }

    [Fact]
    public void Scene_numbers_print_in_both_margins_when_asked()
    {
        var script = new ParsedScreenplay([], [new ScriptElement(ElementType.SceneHeading, "INT. HOUSE - DAY") { SceneNumber = "12A" }, new ScriptElement(ElementType.Action, "Text.")]);

        var heading = PdfText.Pages(Render(script, new PdfLayoutOptions { SceneNumbers = true })).Single()[0];

        Assert.Matches(@"^12A +INT\. HOUSE - DAY +12A$", heading.Text);
    }
}
