namespace WritersRoom.Core.Pdf;

/// <summary>Page settings for a printed script. Defaults are US Letter industry layout: Courier 12 pt, 6 lines an inch.</summary>
public sealed record PdfLayoutOptions
{
    /// <summary>Lines of body text a page holds (1" top margin, about 0.8" bottom).</summary>
    public int LinesPerPage { get; init; } = 55;

    /// <summary>Print scene numbers in both margins; headings without a number are numbered in order.</summary>
    public bool SceneNumbers { get; init; }

    public bool TitlePage { get; init; } = true;

    /// <summary>Lines a split dialogue or action keeps on each side of a page break.</summary>
    public int MinLinesAroundBreak { get; init; } = 2;
}
