using System.Xml.Linq;
using WritersRoom.Core.Fdx;
using WritersRoom.Core.Screenplay;
using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fdx;

public class FdxElementTests
{
    private static string Doc(string content, string extra = "") =>
        $"""<?xml version="1.0" encoding="UTF-8"?><FinalDraft DocumentType="Script" Template="No" Version="5"><Content>{content}</Content>{extra}</FinalDraft>""";

    private static string P(string type, string text, string attributes = "") => $"""<Paragraph Type="{type}"{attributes}><Text>{text}</Text></Paragraph>""";

    [Fact]
    public void Scene_numbers_come_from_the_Number_attribute_and_go_back_to_it()
    {
        var parsed = FdxReader.Parse(Doc(P("Scene Heading", "INT. HOUSE - DAY", " Number=\"12A\"")));

        Assert.Equal([Heading("INT. HOUSE - DAY", "12A")], parsed.Elements);
        Assert.Contains("Number=\"12A\"", FdxWriter.Write(parsed));
    }

    [Fact]
    public void Character_extensions_are_split_from_the_name()
    {
        var parsed = FdxReader.Parse(Doc(P("Character", "EDWARD (V.O.)") + P("Dialogue", "Hello.")));

        Assert.Equal([Character("EDWARD", "V.O."), Dialogue("Hello.")], parsed.Elements);
        Assert.Contains("<Text>EDWARD (V.O.)</Text>", FdxWriter.Write(parsed));
    }

    [Fact]
    public void Styled_runs_become_fountain_emphasis_and_back()
    {
        var parsed = FdxReader.Parse(Doc("""<Paragraph Type="Action"><Text Style="Bold">LOUD</Text><Text> and </Text><Text Style="Bold+Italic">louder</Text></Paragraph>"""));

        Assert.Equal([Action("**LOUD** and ***louder***")], parsed.Elements);
        var written = XDocument.Parse(FdxWriter.Write(parsed));
        Assert.Equal(["Bold", null, "Bold+Italic"], written.Descendants("Text").Select(t => (string?)t.Attribute("Style")));
    }

    [Fact]
    public void Revision_marks_give_the_paragraph_its_colour_and_are_written_back()
    {
        var revisions = """<Revisions ActiveSet="2"><Revision ID="1" Name="Blue Rev." Color="#9F9FC5C5E8E8" Mark="*"/><Revision ID="2" Name="Pink Rev." Mark="*"/></Revisions>""";
        var parsed = FdxReader.Parse(Doc(
            """<Paragraph Type="Action"><Text>Old and </Text><Text RevisionID="2">new.</Text></Paragraph>""" + P("Action", "Untouched."), revisions));

        Assert.Equal("Pink", parsed.Elements[0].RevisionColor);
        Assert.Null(parsed.Elements[1].RevisionColor);

        var reread = FdxReader.Parse(FdxWriter.Write(parsed));
        Assert.Equal(parsed.Elements, reread.Elements);
    }

    [Fact]
    public void Script_notes_become_notes_after_their_paragraph_and_go_back_as_script_notes()
    {
        var parsed = FdxReader.Parse(Doc(
            """<Paragraph Type="Action"><Text>He waits.</Text><ScriptNote ID="1"><Paragraph><Text>Too long?</Text></Paragraph></ScriptNote></Paragraph>"""));

        Assert.Equal([Action("He waits."), Note("Too long?")], parsed.Elements);
        Assert.Equal(parsed.Elements, FdxReader.Parse(FdxWriter.Write(parsed)).Elements);
    }

    [Fact]
    public void Unknown_types_attributes_children_and_settings_are_kept_and_written_back()
    {
        var source = Doc(
            """<Paragraph Type="Shot" SpaceBefore="12"><SceneProperties Length="1/8" Page="1"/><Text>ANGLE ON THE DOOR</Text></Paragraph>""",
            """<PageLayout TopMargin="72" BottomMargin="72"/><SmartType><Characters><Character>BOB</Character></Characters></SmartType>""");

        var import = FdxReader.Read(System.Text.Encoding.UTF8.GetBytes(source));
        var written = XDocument.Parse(FdxWriter.Write(import.Screenplay));

        Assert.Equal(ElementType.Action, import.Screenplay.Elements[0].Type);
        Assert.Contains(import.Warnings, w => w.Message.Contains("'Shot'") && w.Line == 1);
        var shot = Assert.Single(written.Descendants("Paragraph"));
        Assert.Equal("Shot", (string?)shot.Attribute("Type"));
        Assert.Equal("12", (string?)shot.Attribute("SpaceBefore"));
        Assert.Equal("1/8", (string?)shot.Element("SceneProperties")?.Attribute("Length"));
        Assert.Equal("72", (string?)written.Root?.Element("PageLayout")?.Attribute("TopMargin"));
        Assert.Equal("BOB", written.Root?.Element("SmartType")?.Descendants("Character").Single().Value);
        Assert.Equal("5", (string?)written.Root?.Attribute("Version"));
    }

    [Fact]
    public void A_kept_final_draft_type_is_written_only_while_the_paragraph_is_still_action()
    {
        var shot = FdxReader.Parse(Doc(P("Shot", "ANGLE ON THE DOOR"))).Elements.Single();
        var retyped = new ParsedScreenplay([], [shot, shot with { Type = ElementType.Character, Text = "BOB" }]);

        var types = XDocument.Parse(FdxWriter.Write(retyped)).Descendants("Paragraph").Select(p => (string?)p.Attribute("Type"));

        Assert.Equal(["Shot", "Character"], types);
    }

    [Fact]
    public void Sections_synopses_lyrics_centered_text_and_page_breaks_survive_a_round_trip()
    {
        var screenplay = new ParsedScreenplay([], [
            Section("ACT ONE", 1), Synopsis("Things start."), Heading("EXT. FIELD - DAY"), Centered("THE END"),
            PageBreak(), Action("New page."), Character("SINGER"), Lyric("La la la"), PageBreak(),
        ]);

        Assert.Equal(screenplay.Elements, FdxReader.Parse(FdxWriter.Write(screenplay)).Elements);
    }

    [Fact]
    public void Two_dual_dialogue_pairs_in_a_row_stay_two_pairs()
    {
        var screenplay = new ParsedScreenplay([], [
            Character("A", dual: true), Dialogue("One.", dual: true), Character("B", dual: true), Dialogue("Two.", dual: true),
            Character("C", dual: true), Dialogue("Three.", dual: true), Character("D", dual: true), Dialogue("Four.", dual: true),
        ]);

        var written = XDocument.Parse(FdxWriter.Write(screenplay));

        Assert.Equal(2, written.Descendants("DualDialogue").Count());
        Assert.Equal(screenplay.Elements, FdxReader.Parse(written.ToString()).Elements);
    }

    [Fact]
    public void A_final_draft_title_page_without_our_hints_is_read_by_its_layout()
    {
        var title = """
            <TitlePage><Content>
            <Paragraph Alignment="Center"><Text></Text></Paragraph>
            <Paragraph Alignment="Center"><Text Style="Underline">BIG FISH</Text></Paragraph>
            <Paragraph Alignment="Center"><Text>written by</Text></Paragraph>
            <Paragraph Alignment="Center"><Text>John August</Text></Paragraph>
            <Paragraph Alignment="Center"><Text>based on the novel by Daniel Wallace</Text></Paragraph>
            <Paragraph Alignment="Left"><Text>March 3, 2003</Text></Paragraph>
            <Paragraph Alignment="Left"><Text>Columbia Pictures</Text></Paragraph>
            <Paragraph Alignment="Left"><Text>10202 W. Washington Blvd.</Text></Paragraph>
            </Content></TitlePage>
            """;

        var parsed = FdxReader.Parse(Doc(P("Action", "Text."), title));

        Assert.Equal(
            [new TitleEntry("Title", "_BIG FISH_"), new TitleEntry("Credit", "written by"), new TitleEntry("Author", "John August"),
             new TitleEntry("Source", "based on the novel by Daniel Wallace"), new TitleEntry("Draft date", "March 3, 2003"),
             new TitleEntry("Contact", "Columbia Pictures\n10202 W. Washington Blvd.")],
            parsed.TitlePage);
    }
}
