using WritersRoom.Core.Ai;

namespace WritersRoom.Core.Tests.Ai;

public sealed class HashedEmbedderTests
{
    private readonly HashedEmbedder _embedder = new();

    [Fact]
    public void Same_text_gives_the_same_vector_in_every_instance()
    {
        var text = "Will sits by his father's bed and asks for the truth, just once.";

        Assert.Equal(_embedder.Embed(text), new HashedEmbedder().Embed(text));
    }

    [Fact]
    public void Vectors_are_stable_across_processes()
    {
        // Pinned values: string.GetHashCode would change these on every run, breaking stored embeddings.
        var vector = _embedder.Embed("Edward Bloom tells the story of the giant fish.");

        var nonZero = vector.Select((value, index) => (value, index)).Where(x => x.value != 0).Take(3).ToArray();
        Assert.Equal(
            [(-0.09505f, 2), (0.09505f, 8), (-0.09505f, 10)],
            nonZero.Select(x => (MathF.Round(x.value, 5), x.index)).ToArray());
    }

    [Theory]
    [InlineData(384)]
    [InlineData(64)]
    public void Vector_has_the_configured_dimension_and_unit_length(int dimensions)
    {
        var vector = new HashedEmbedder(dimensions).Embed("Jenny is seventeen in the prologue and thirty in 1987.");

        Assert.Equal(dimensions, vector.Length);
        Assert.Equal(1.0, Math.Sqrt(vector.Sum(v => (double)v * v)), 5);
    }

    [Fact]
    public void Similar_texts_are_closer_than_unrelated_ones()
    {
        var anchor = _embedder.Embed("Will argues with his father about the fish stories.");
        var similar = _embedder.Embed("Will and his father argue over the story of the fish.");
        var unrelated = _embedder.Embed("The rocket launched at dawn from the desert base.");

        Assert.True(Cosine(anchor, similar) > Cosine(anchor, unrelated) + 0.2,
            $"similar {Cosine(anchor, similar):F3} vs unrelated {Cosine(anchor, unrelated):F3}");
    }

    [Fact]
    public void Apostrophes_and_case_do_not_change_the_vector()
    {
        Assert.Equal(_embedder.Embed("DON'T go to Spectre."), _embedder.Embed("don’t go to spectre"));
    }

    [Fact]
    public void Text_without_words_gives_the_zero_vector()
    {
        Assert.All(_embedder.Embed(" -- ... "), v => Assert.Equal(0f, v));
    }

    [Fact]
    public void Model_id_names_the_dimension_so_a_change_re_embeds()
    {
        Assert.Equal("offline-hashed-v1-384", _embedder.ModelId);
        Assert.NotEqual(_embedder.ModelId, new HashedEmbedder(256).ModelId);
    }

    private static double Cosine(float[] a, float[] b) => a.Zip(b, (x, y) => (double)x * y).Sum();
}
