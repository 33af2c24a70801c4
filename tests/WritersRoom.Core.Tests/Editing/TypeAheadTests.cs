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
}
