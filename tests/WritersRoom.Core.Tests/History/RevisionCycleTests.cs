using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.History;

public sealed class RevisionCycleTests
{
    [Fact]
    public void The_cycle_runs_in_industry_order_and_wraps_after_cherry()
    {
        Assert.Equal(["Blue", "Pink", "Yellow", "Green", "Goldenrod", "Buff", "Salmon", "Cherry"], RevisionColors.Cycle);
        Assert.Equal("Blue", RevisionColors.Next(null));
        Assert.Equal("Pink", RevisionColors.Next("blue"));
        Assert.Equal("Blue", RevisionColors.Next("Cherry"));
        Assert.Equal("Goldenrod", RevisionColors.InCycle(" goldenrod "));
        Assert.Null(RevisionColors.InCycle("White"));
    }
}
