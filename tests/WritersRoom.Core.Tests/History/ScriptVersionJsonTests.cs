using WritersRoom.Core.History;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.History;

public sealed class ScriptVersionJsonTests
{
    [Fact]
    public void A_version_survives_the_round_trip_with_ids_ranks_and_every_field()
    {
        var heading = new VersionParagraph(Guid.NewGuid(), "5", ElementType.SceneHeading, "INT. RIVER - DAY");
        var cue = new VersionParagraph(Guid.NewGuid(), "7", ElementType.Character, "WILL") { Extension = "V.O.", Dual = true, RevisionColor = "Pink" };
        var section = new VersionParagraph(Guid.NewGuid(), "9", ElementType.Section, "Act One") { Level = 2 };
        var shot = new VersionParagraph(Guid.NewGuid(), "b", ElementType.Action, "ANGLE ON")
        {
            Extras = FormatExtras.From([KeyValuePair.Create("fdx.type", "Shot"), KeyValuePair.Create("fdx.xml", "<SceneProperties Length=\"1/8\"/>")]),
        };
        var version = new ScriptVersion([new VersionScene(Guid.NewGuid(), "h", "12A", [heading, cue, section, shot])]);

        var back = ScriptVersionJson.Deserialize(ScriptVersionJson.Serialize(version));

        var scene = Assert.Single(back.Scenes);
        Assert.Equal((version.Scenes[0].Id, "h", "12A"), (scene.Id, scene.Rank, scene.SceneNumber));
        Assert.Equal([heading, cue, section, shot], scene.Paragraphs);
    }

    [Fact]
    public void Content_that_is_not_a_version_is_a_format_error()
    {
        Assert.Throws<FormatException>(() => ScriptVersionJson.Deserialize("not json"));
        Assert.Throws<FormatException>(() => ScriptVersionJson.Deserialize("{\"v\":99,\"scenes\":[]}"));
        Assert.Throws<FormatException>(() => ScriptVersionJson.Deserialize("{}"));
    }

    [Fact]
    public void Unknown_element_types_read_as_action_rather_than_fail()
    {
        var json = "{\"v\":1,\"scenes\":[{\"id\":\"" + Guid.NewGuid() + "\",\"rank\":\"m\",\"p\":[{\"id\":\"" + Guid.NewGuid() + "\",\"rank\":\"m\",\"t\":\"hologram\",\"x\":\"Beep\"}]}]}";
        var p = ScriptVersionJson.Deserialize(json).Scenes[0].Paragraphs[0];
        Assert.Equal((ElementType.Action, "Beep"), (p.Type, p.Text));
        Assert.Null(p.Extras); // versions stored before extras were kept restore without them
    }
}
