using WritersRoom.Core.Retrieval;

namespace WritersRoom.Core.Tests.Retrieval;

public sealed class SceneVectorTests
{
    private static SceneVector Of(params float[] values) => new("m", DateTimeOffset.UnixEpoch, values);

    [Fact]
    public void Distance_is_one_minus_the_cosine_as_pgvector_computes_it()
    {
        Assert.Equal(0.0, Of(2, 0).DistanceTo([5, 0])!.Value, 6);
        Assert.Equal(1.0, Of(1, 0).DistanceTo([0, 3])!.Value, 6);
        Assert.Equal(2.0, Of(1, 0).DistanceTo([-1, 0])!.Value, 6);
        Assert.Equal(1 - 1 / Math.Sqrt(2), Of(1, 1).DistanceTo([1, 0])!.Value, 6);
    }

    [Fact]
    public void A_zero_vector_or_another_length_has_no_distance()
    {
        Assert.Null(Of(0, 0).DistanceTo([1, 0]));
        Assert.Null(Of(1, 0, 0).DistanceTo([1, 0]));
    }
}
