using System.Text.Json;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.Screenplay;

public class ScreenplayJsonTests
{
    private static ScriptElement E(ElementType type, string text) => new(type, text);

    [Fact]
    public void Serializes_title_and_elements_with_exactly_the_fields_each_type_uses()
    {
        var screenplay = new ParsedScreenplay(
            [new TitleEntry("Title", "Brick & Steel")],
            [
                E(ElementType.SceneHeading, "EXT. BRICK'S PATIO - DAY"),
                E(ElementType.SceneHeading, "INT. HOUSE - DAY") with { SceneNumber = "1A" },
                E(ElementType.Character, "BOB") with { Extension = "V.O." },
                E(ElementType.Parenthetical, "(beat)"),
                E(ElementType.Dialogue, "Hi."),
                E(ElementType.Character, "JIM") with { Dual = true },
                E(ElementType.Dialogue, "Yo.") with { Dual = true },
                E(ElementType.Section, "ACT I") with { Level = 1 },
                E(ElementType.PageBreak, ""),
                E(ElementType.Action, "Done."),
            ]);

        var json = ScreenplayJson.Serialize(screenplay);

        Assert.Equal(
            """{"title":[{"key":"Title","value":"Brick & Steel"}],"elements":[""" +
            """{"type":"scene_heading","text":"EXT. BRICK'S PATIO - DAY","sceneNumber":null},""" +
            """{"type":"scene_heading","text":"INT. HOUSE - DAY","sceneNumber":"1A"},""" +
            """{"type":"character","text":"BOB","extension":"V.O.","dual":false},""" +
            """{"type":"parenthetical","text":"(beat)"},""" +
            """{"type":"dialogue","text":"Hi."},""" +
            """{"type":"character","text":"JIM","extension":null,"dual":true},""" +
            """{"type":"dialogue","text":"Yo.","dual":true},""" +
            """{"type":"section","text":"ACT I","level":1},""" +
            """{"type":"page_break","text":""},""" +
            """{"type":"action","text":"Done."}]}""",
            json);
    }

    [Fact]
    public void Fields_of_other_types_are_left_out_even_when_set()
    {
        var screenplay = new ParsedScreenplay([], [E(ElementType.Action, "x") with { SceneNumber = "1", Extension = "V.O.", Dual = true, Level = 2 }]);

        Assert.Equal("""{"title":[],"elements":[{"type":"action","text":"x"}]}""", ScreenplayJson.Serialize(screenplay));
    }

    [Fact]
    public void Line_breaks_and_non_ascii_text_are_escaped_only_as_json_requires()
    {
        var screenplay = new ParsedScreenplay([new TitleEntry("Contact", "PO Box\n94912")], [E(ElementType.Note, "Café \"quoted\"")]);

        Assert.Equal(
            """{"title":[{"key":"Contact","value":"PO Box\n94912"}],"elements":[{"type":"note","text":"Café \"quoted\""}]}""",
            ScreenplayJson.Serialize(screenplay));
    }

    [Fact]
    public void Indented_output_holds_the_same_document()
    {
        var screenplay = FountainParser.Parse("Title: T\n\nINT. HOUSE - DAY #4#\n\nBOB (V.O.)\nHello.");

        var indented = ScreenplayJson.Serialize(screenplay, indented: true);

        Assert.Contains('\n', indented);
        Assert.True(JsonElement.DeepEquals(
            JsonDocument.Parse(ScreenplayJson.Serialize(screenplay)).RootElement,
            JsonDocument.Parse(indented).RootElement));
    }

    [Fact]
    public void Every_element_type_uses_its_snake_case_name()
    {
        var types = Enum.GetValues<ElementType>();
        var json = ScreenplayJson.Serialize(new ParsedScreenplay([], types.Select(t => E(t, "")).ToList()));

        var names = JsonDocument.Parse(json).RootElement.GetProperty("elements").EnumerateArray().Select(e => e.GetProperty("type").GetString());
        Assert.Equal(types.Select(t => t.Name()), names);
    }
}
