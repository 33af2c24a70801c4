using System.Xml.Linq;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;
using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

/// <summary>
/// Facts checked by hand in the shared fixture scripts. Note on scene counts: the fixtures README's "scenes"
/// column counts lines starting with INT/EXT (194 for Big Fish includes two "INTERCUT ..." lines, and the
/// forced headings of the other two scripts are left out); the numbers here are real scene headings.
/// </summary>
public class FixtureTests
{
    private static readonly Lazy<ParsedScreenplay> BigFish = new(() => FountainParser.Parse(Fixtures.Read("big-fish.fountain")));
    private static readonly Lazy<ParsedScreenplay> Birthday = new(() => FountainParser.Parse(Fixtures.Read("the-last-birthday-card.fountain")));
    private static readonly Lazy<ParsedScreenplay> Brick = new(() => FountainParser.Parse(Fixtures.Read("brick-and-steel.fountain")));

    public static TheoryData<string> FountainFiles() => new(Fixtures.FountainFiles());

    [Theory]
    [MemberData(nameof(FountainFiles))]
    public void Every_fixture_survives_a_write_and_a_second_read(string fileName)
    {
        var parsed = FountainParser.Parse(Fixtures.Read(fileName));

        Assert.NotEmpty(parsed.Elements);
        AssertRoundTrips(parsed);
    }

    [Fact]
    public void Big_fish_has_192_scene_headings_including_two_EXT_INT_ones()
    {
        var headings = Headings(BigFish.Value);

        Assert.Equal(192, headings.Count);
        Assert.Equal(2, headings.Count(h => h.StartsWith("EXT/INT.", StringComparison.Ordinal)));
        Assert.Equal("INT.  WILL'S BEDROOM - NIGHT (1973)", headings[0]);
        Assert.Contains("INT.  TINY PARIS RESTAURANT (LA RUE 14°) - NIGHT (1998)", headings);
        Assert.DoesNotContain(headings, h => h.StartsWith("INTERCUT", StringComparison.Ordinal));
    }

    [Fact]
    public void Big_fish_title_page_has_its_six_fields_with_the_tab_indented_notes()
    {
        Assert.Equal(
            [
                new TitleEntry("Title", "Big Fish"),
                new TitleEntry("Credit", "written by"),
                new TitleEntry("Author", "John August"),
                new TitleEntry("Source", "based on the novel by Daniel Wallace"),
                new TitleEntry("Notes", "FINAL PRODUCTION DRAFT\nincludes post-production dialogue\nand omitted scenes"),
                new TitleEntry("Copyright", "(c) 2003 Columbia Pictures"),
            ],
            BigFish.Value.TitlePage);
    }

    [Fact]
    public void Big_fish_speakers_are_led_by_Edward_and_Will_with_their_extensions()
    {
        var characters = BigFish.Value.Elements.Where(e => e.Type == ElementType.Character).ToList();
        var bySpeaker = characters.GroupBy(c => c.Text).OrderByDescending(g => g.Count()).Select(g => g.Key).ToList();

        Assert.Equal(["EDWARD", "WILL", "SANDRA", "JENNY", "JOSEPHINE"], bySpeaker.Take(5));
        Assert.Equal(Character("EDWARD", "V.O."), characters[0]);
        Assert.Equal(Character("EDWARD", "V.O.) (CONT'D"), characters[1]);
        Assert.Contains(Character("EDWARD AND WILL"), characters);
        Assert.DoesNotContain(characters, c => c.Text.Contains('(') || c.Text.EndsWith(' '));
        Assert.Equal(64, characters.Count(c => c.Extension == "V.O."));
    }

    [Fact]
    public void Big_fish_opens_with_action_a_page_break_and_bold_fade_in_and_ends_centered()
    {
        var elements = BigFish.Value.Elements;

        Assert.Equal(
            [Action("This is a Southern story, full of lies and fabrications, but truer for their inclusion."), PageBreak(), Action("**FADE IN:**"), Action("A RIVER.")],
            elements.Take(4));
        Assert.Equal(Centered("_**THE END**_"), elements[^1]);
        Assert.Contains(Centered("_BIG FISH_"), elements);
        Assert.Contains(Transition("MATCH CUT TO:"), elements);
    }

    [Fact]
    public void Last_birthday_card_has_25_INT_EXT_headings_and_23_forced_ones()
    {
        var source = Fixtures.Read("the-last-birthday-card.fountain");
        var headings = Headings(Birthday.Value);

        Assert.Equal(48, headings.Count);
        Assert.Equal(25, headings.Count(h => h.StartsWith("INT", StringComparison.Ordinal) || h.StartsWith("EXT", StringComparison.Ordinal)));
        Assert.Contains("BACK IN THE APARTMENT", headings);
        Assert.Contains("THE TRUCK SLAMS INTO THE BACK OF THE LEXUS DOING FORTY", headings);
        Assert.Equal(23, source.Split('\n').Count(l => l.StartsWith('.') && !l.StartsWith("..", StringComparison.Ordinal)));
    }

    [Fact]
    public void Last_birthday_card_outline_has_acts_sequences_and_synopses()
    {
        var elements = Birthday.Value.Elements;
        var sections = elements.Where(e => e.Type == ElementType.Section).ToList();

        Assert.Equal(["ACT I", "ACT II: A New Day", "ACT III: The Showdown"], sections.Where(s => s.Level == 1).Select(s => s.Text));
        Assert.Equal(28, sections.Count);
        Assert.Equal(7, elements.Count(e => e.Type == ElementType.Synopsis));
        Assert.Equal(
            [Section("ACT I", 1), Synopsis("Meet the players and set up the world. Two hit men with very different lives."), Transition("HERE WE GO:"), Section("Meet Scott", 2)],
            elements.Take(4));
    }

    [Fact]
    public void Last_birthday_card_title_page_and_cast()
    {
        Assert.Equal("**THE LAST BIRTHDAY CARD**", Birthday.Value.Title);
        Assert.Equal(new TitleEntry("Contact", "PO Box 10031\nSan Rafael CA 94912\nRegistered WGAw No. 701428"), Birthday.Value.TitlePage[^1]);
        var speakers = Birthday.Value.Elements.Where(e => e.Type == ElementType.Character).Select(e => e.Text).ToHashSet();
        Assert.Superset(new HashSet<string> { "SCOTT", "BAXTER", "NAK" }, speakers);
    }

    [Fact]
    public void Brick_and_steel_matches_its_final_draft_version_paragraph_for_paragraph()
    {
        var fdx = XDocument.Load(Fixtures.Path("brick-and-steel.fdx"));
        var paragraphs = fdx.Descendants("Paragraph")
            .Select(p => (Type: (string?)p.Attribute("Type"), Text: string.Concat(p.Elements("Text").Select(t => t.Value))))
            .ToList();
        List<string> FdxTexts(string type) => paragraphs.Where(p => p.Type == type).Select(p => p.Text).ToList();
        List<string> OurTexts(ElementType type) =>
            Brick.Value.Elements.Where(e => e.Type == type).Select(e => FountainEmphasis.ToPlain(e.Text)).ToList();

        Assert.Equal(FdxTexts("Scene Heading"), OurTexts(ElementType.SceneHeading));
        Assert.Equal(FdxTexts("Character"), OurTexts(ElementType.Character));
        Assert.Equal(FdxTexts("Parenthetical"), OurTexts(ElementType.Parenthetical));
        Assert.Equal(FdxTexts("Transition"), OurTexts(ElementType.Transition));
        // Final Draft keeps each dialogue line as its own paragraph; we join consecutive lines.
        Assert.Equal(FdxTexts("Dialogue"), OurTexts(ElementType.Dialogue).SelectMany(d => d.Split('\n')));
    }

    [Fact]
    public void Brick_and_steel_has_eight_headings_six_of_them_INT_EXT()
    {
        var headings = Headings(Brick.Value);

        Assert.Equal(8, headings.Count);
        Assert.Equal(6, headings.Count(h => h.StartsWith("INT", StringComparison.Ordinal) || h.StartsWith("EXT", StringComparison.Ordinal)));
        Assert.Equal(["SNIPER SCOPE POV", "OPENING TITLES"], headings.Where(h => !h.StartsWith("INT", StringComparison.Ordinal) && !h.StartsWith("EXT", StringComparison.Ordinal)));
    }

    [Fact]
    public void Brick_and_steel_has_its_title_page_dual_dialogue_and_closing_elements()
    {
        var script = Brick.Value;

        Assert.Equal("_**BRICK & STEEL**_\n_**FULL RETIRED**_", script.Title);
        Assert.Equal(new TitleEntry("Contact", "Next Level Productions\n1588 Mission Dr.\nSolvang, CA 93463"), script.TitlePage[^1]);
        Assert.Equal(
            [Character("STEEL", dual: true), Dialogue("Screw retirement.", dual: true), Character("BRICK", dual: true), Dialogue("Screw retirement.", dual: true)],
            script.Elements.Where(e => e.Dual));
        Assert.Equal([Transition("BURN TO PINK."), Centered("THE END")], script.Elements.TakeLast(2));
        Assert.Contains(Centered("BRICK BRADDOCK\n& DICK STEEL IN"), script.Elements);
    }

    private static List<string> Headings(ParsedScreenplay script) =>
        script.Elements.Where(e => e.Type == ElementType.SceneHeading).Select(e => e.Text).ToList();
}
