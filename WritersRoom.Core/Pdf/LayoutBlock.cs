namespace WritersRoom.Core.Pdf;

internal enum BlockKind
{
    /// <summary>Action and centred text: may break between lines.</summary>
    Splittable,

    /// <summary>A speech: may break between lines with (MORE) and (CONT'D).</summary>
    Dialogue,

    /// <summary>Headings, transitions, dual dialogue: never broken.</summary>
    Whole,

    PageBreak,
}

/// <summary>
/// Lines that paginate together. Each row holds one line, or two side by side for dual dialogue. A speech
/// keeps its cue apart from its lines so that a break can repeat the cue with (CONT'D).
/// </summary>
internal sealed record LayoutBlock(BlockKind Kind, int SpaceBefore, IReadOnlyList<IReadOnlyList<LayoutLine>> Rows, int SceneElement)
{
    public LayoutLine? Cue { get; init; }

    /// <summary>For speeches: whether each row is a parenthetical, which must not end a page.</summary>
    public IReadOnlyList<bool> Parenthetical { get; init; } = [];

    public bool IsHeading { get; init; }

    public int Height => Rows.Count + (Cue is null ? 0 : 1);
}
