using WritersRoom.Core.Bible;

namespace WritersRoom.Data.Bible;

/// <summary>A scene whose summary or embedding was made from other text (or is missing), with its paragraphs.</summary>
public sealed record StaleScene(Guid SceneId, Guid ScriptId, string ContentHash, bool NeedsSummary, bool NeedsEmbedding, IReadOnlyList<SceneParagraph> Paragraphs);

/// <summary>What the job made for one scene from the text with <see cref="SourceHash"/>; null parts were not needed.</summary>
public sealed record SceneWorkResult(Guid SceneId, Guid ScriptId, string SourceHash, string? Summary, string? SummaryModel, float[]? Embedding, string? EmbeddingModel);

public sealed record SceneFailureInfo(Guid SceneId, int Attempts, DateTimeOffset NextAttemptAt, string? LastError);

public sealed record EmbeddingProgress(string Model, int Embedded, int Total)
{
    public double Fraction => Total == 0 ? 1 : (double)Embedded / Total;
}
