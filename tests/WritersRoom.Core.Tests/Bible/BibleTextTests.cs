using WritersRoom.Core.Bible;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.Bible;

public sealed class BibleTextTests
{
    [Theory]
    [InlineData("WILL (V.O.)", "WILL")]
    [InlineData("Will (CONT'D)", "WILL")]
    [InlineData("WILL CONT'D", "WILL")]
    [InlineData("EDWARD (V.O.) (CONT'D) ^", "EDWARD")]
    [InlineData("  dr.  bennett ", "DR. BENNETT")]
    public void Cue_variants_and_extensions_fold_to_one_name(string cue, string expected) =>
        Assert.Equal(expected, CharacterName.Fold(cue));

    [Theory]
    [InlineData("INT. BLOOM HOUSE - WILL'S ROOM - NIGHT", "BLOOM HOUSE - WILL'S ROOM", "NIGHT")]
    [InlineData("EXT. SPECTRE - MAIN STREET - DAY #12A#", "SPECTRE - MAIN STREET", "DAY")]
    [InlineData("INT./EXT. CAR - CONTINUOUS", "CAR", "CONTINUOUS")]
    [InlineData("EXT. RIVER", "RIVER", null)]
    public void Headings_split_into_place_and_time(string heading, string place, string? time) =>
        Assert.Equal((place, time), SceneHeading.Parse(heading));

    [Fact]
    public void Extractive_summary_names_place_time_speakers_and_first_action()
    {
        SceneParagraph[] scene =
        [
            new(ElementType.SceneHeading, "EXT. RIVER - DAY"),
            new(ElementType.Action, "Edward wades into the water."),
            new(ElementType.Character, "EDWARD (V.O.)"),
            new(ElementType.Dialogue, "There's a fish."),
            new(ElementType.Character, "WILL"),
            new(ElementType.Dialogue, "Not again."),
            new(ElementType.Action, "He reaches for it."),
        ];

        var summary = ExtractiveSceneSummary.Build(scene);

        Assert.Equal("RIVER, day. Characters: EDWARD, WILL. Edward wades into the water. He reaches for it.", summary);
    }

    [Fact]
    public void Cast_counts_scenes_and_speeches_and_keeps_the_first_scene()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid();
        var cast = CastDetector.Detect(
        [
            new SceneContent(a, [new(ElementType.SceneHeading, "INT. HOUSE - DAY"), new(ElementType.Character, "WILL"), new(ElementType.Dialogue, "Hi."), new(ElementType.Character, "WILL (CONT'D)"), new(ElementType.Dialogue, "Again.")]),
            new SceneContent(b, [new(ElementType.SceneHeading, "INT. HOUSE - NIGHT"), new(ElementType.Character, "EDWARD"), new(ElementType.Dialogue, "Yo."), new(ElementType.Character, "WILL (V.O.)"), new(ElementType.Dialogue, "Hm.")]),
        ]);

        var will = Assert.Single(cast.Characters, c => c.Name == "WILL");
        Assert.Equal((2, 3, a), (will.SceneCount, will.LineCount, will.FirstSceneId));
        Assert.Equal("WILL", cast.Characters[0].Name);
        var house = Assert.Single(cast.Locations);
        Assert.Equal(("HOUSE", 2, a), (house.Name, house.SceneCount, house.FirstSceneId));

        var sheet = OfflineCharacterSheet.Build(will, cast.Characters, [
            new SceneContent(a, [new(ElementType.Character, "WILL"), new(ElementType.Dialogue, "Hi.")]),
            new SceneContent(b, [new(ElementType.Character, "WILL"), new(ElementType.Dialogue, "Hm.")])]);
        Assert.Contains("EDWARD (1)", sheet);
        Assert.Contains("“Hi.” … “Hm.”", sheet);
    }

    [Fact]
    public void Outline_draft_links_every_scene_once_in_three_acts()
    {
        var scenes = Enumerable.Range(0, 20).Select(i => new SceneSynopsis(Guid.NewGuid(), $"INT. ROOM {i % 3} - DAY", $"s{i}")).ToList();

        var acts = OutlineDraft.Build(scenes);

        Assert.Equal(["Act I", "Act II", "Act III"], acts.Select(a => a.Title));
        var linked = acts.SelectMany(a => a.Sequences).SelectMany(s => s.Beats).SelectMany(b => b.SceneIds).ToList();
        Assert.Equal(scenes.Select(s => s.SceneId), linked);
    }

    [Fact]
    public void Offline_title_is_the_first_sentence_shortened()
    {
        Assert.Equal("Where does Will first doubt his father", ConversationText.OfflineTitle("where does Will first doubt his father? And why"));
        Assert.True(ConversationText.OfflineTitle(string.Join(' ', Enumerable.Repeat("word", 40))).Length <= ConversationText.MaxTitle);
    }
}
