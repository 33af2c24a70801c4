namespace WritersRoom.Core.Retrieval;

/// <summary>
/// One scene as retrieval sees it. <see cref="Number"/> is its position among the script's scenes (the N of
/// <c>[Scene N]</c>); <see cref="Distance"/> is the cosine distance of its embedding to the question, or null
/// when it has none yet.
/// </summary>
public sealed record SceneDocument(
    Guid SceneId,
    int Number,
    string? ProductionNumber,
    string Heading,
    string? Summary,
    IReadOnlyList<Guid> BlockIds,
    IReadOnlyList<string> BlockTexts,
    double? Distance)
{
    public string Text => string.Join('\n', BlockTexts);

    /// <summary>What BM25 indexes: the summary adds the words a paraphrasing question may use.</summary>
    public string SearchText => Summary is { Length: > 0 } s ? s + "\n" + Text : Text;
}
