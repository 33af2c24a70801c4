using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.Editing;

public class TypeAheadTests
{
    [Fact]
    public void Lists_come_from_cues_and_headings_of_the_script()
    {
        var lists = TypeAheadLists.From([
            (ElementType.SceneHeading, "INT. BLOOM HOUSE - KITCHEN - NIGHT"),
            (ElementType.Character, "WILL (V.O.)"),
            (ElementType.Character, "Edward"),
            (ElementType.SceneHeading, "EXT. RIVER - DUSK"),
        ]);
        Assert.Equal(["EDWARD", "WILL"], lists.Characters);
        Assert.Equal(["BLOOM HOUSE - KITCHEN", "RIVER"], lists.Locations);
        Assert.Contains("DUSK", lists.TimesOfDay);
        Assert.Contains("NIGHT", lists.TimesOfDay);
    }

    private static readonly TypeAheadLists Lists = TypeAheadLists.From([
        (ElementType.SceneHeading, "INT. BLOOM HOUSE - KITCHEN - NIGHT"),
        (ElementType.SceneHeading, "EXT. BLOOM HOUSE - DAY"),
        (ElementType.SceneHeading, "EXT. RIVER - DUSK"),
        (ElementType.Character, "WILL"),
        (ElementType.Character, "WILLIAM"),
        (ElementType.Character, "EDWARD"),
    ]);

    [Fact]
    public void A_cue_is_offered_the_names_that_start_with_what_is_typed()
    {
        var suggestion = Lists.Suggest(ElementType.Character, "wi")!;
        Assert.Equal(TypeAheadKind.Character, suggestion.Kind);
        Assert.Equal(0, suggestion.From);
        Assert.Equal(["WILL", "WILLIAM"], suggestion.Options);
        Assert.Equal(["WILLIAM"], Lists.Suggest(ElementType.Character, "WILL")!.Options);
        Assert.Null(Lists.Suggest(ElementType.Character, "WILL (V"));
        Assert.Null(Lists.Suggest(ElementType.Character, ""));
        Assert.Null(Lists.Suggest(ElementType.Action, "WI"));
    }

    [Fact]
    public void A_heading_is_offered_int_ext_then_locations_then_times_of_day()
    {
        Assert.Equal(["INT. ", "INT./EXT. ", "I/E. "], Lists.Suggest(ElementType.SceneHeading, "i")!.Options);

        var location = Lists.Suggest(ElementType.SceneHeading, "EXT. BL")!;
        Assert.Equal(TypeAheadKind.Location, location.Kind);
        Assert.Equal(5, location.From);
        Assert.Equal(["BLOOM HOUSE", "BLOOM HOUSE - KITCHEN"], location.Options);
        Assert.Equal("BLOOM HOUSE - ", location.Insert("BLOOM HOUSE"));

        var time = Lists.Suggest(ElementType.SceneHeading, "INT./EXT. RIVER - ")!;
        Assert.Equal(TypeAheadKind.Time, time.Kind);
        Assert.Equal("INT./EXT. RIVER - ".Length, time.From);
        Assert.Contains("DUSK", time.Options);
        Assert.Equal(["NIGHT"], Lists.Suggest(ElementType.SceneHeading, "INT. RIVER - NI")!.Options);
    }
}
