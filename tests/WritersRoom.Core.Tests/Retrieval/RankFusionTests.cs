using WritersRoom.Core.Retrieval;

namespace WritersRoom.Core.Tests.Retrieval;

public sealed class RankFusionTests
{
    [Fact]
    public void An_item_high_in_both_rankings_wins()
    {
        var fused = RankFusion.Fuse<string>([["a", "b", "c"], ["b", "c", "a"]], ["a", "b", "c"], 3);

        Assert.Equal("b", fused[0]);
    }

    [Theory]
    [InlineData(5, 3)]
    [InlineData(2, 2)]
    public void Always_returns_min_of_k_and_n_items_even_when_the_rankings_are_short(int k, int expected)
    {
        var fused = RankFusion.Fuse<string>([["c"]], ["a", "b", "c"], k);

        Assert.Equal(expected, fused.Count);
        Assert.Equal("c", fused[0]);
        Assert.Equal(fused.Count, fused.Distinct().Count());
    }
}
