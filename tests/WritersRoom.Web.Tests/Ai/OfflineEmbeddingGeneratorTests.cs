using Microsoft.Extensions.AI;
using WritersRoom.Core.Ai;
using WritersRoom.Web.Ai;

namespace WritersRoom.Web.Tests.Ai;

public sealed class OfflineEmbeddingGeneratorTests
{
    [Fact]
    public async Task Embeds_each_text_with_the_hashed_embedder_and_names_model_and_size()
    {
        using var generator = new OfflineEmbeddingGenerator();

        var embeddings = await generator.GenerateAsync(["Jenny waits at the gate.", "Spectre"], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, embeddings.Count);
        Assert.Equal(new HashedEmbedder().Embed("Jenny waits at the gate."), embeddings[0].Vector.ToArray());
        Assert.Equal("offline-hashed-v1-384", embeddings[0].ModelId);
        var metadata = generator.GetService<EmbeddingGeneratorMetadata>();
        Assert.Equal("offline-hashed-v1-384", metadata?.DefaultModelId);
        Assert.Equal(384, metadata?.DefaultModelDimensions);
    }
}
