using WritersRoom.Core.Fountain;

namespace WritersRoom.Core.Pdf;

public enum LineAlign { Left, Center, Right }

/// <summary>What a line is, so tests and the renderer can tell continuation marks from script text.</summary>
public enum LineRole { Text, SceneHeading, Character, More, Continued }

/// <summary>
/// One printed line: where it starts (inches from the page's left edge), how wide its column is, and its
/// styled text. Right and centred lines are aligned within [Indent, Indent + Width].
/// </summary>
public sealed record LayoutLine(double Indent, double Width, IReadOnlyList<StyledRun> Runs)
{
    public LineAlign Align { get; init; } = LineAlign.Left;
    public LineRole Role { get; init; } = LineRole.Text;

    /// <summary>Changed in a revision: an asterisk goes in the right margin.</summary>
    public string? RevisionColor { get; init; }

    /// <summary>On a heading line when scene numbers are printed.</summary>
    public string? SceneNumber { get; init; }

    public string Text => string.Concat(Runs.Select(r => r.Text));
}

/// <summary>A line on a page: <see cref="Row"/> counts from the first body line (0). Dual dialogue puts two lines on one row.</summary>
public sealed record PlacedLine(int Row, LayoutLine Line);

public sealed record Page(int Number, IReadOnlyList<PlacedLine> Lines)
{
    /// <summary>"Blue Revision" when the page carries changes; the latest colour on the page wins.</summary>
    public string? RevisionLabel { get; init; }
}

/// <summary>Where a scene fell: its first page and how many lines (blank lines included) it used.</summary>
public sealed record SceneSpan(int ElementIndex, int StartPage, int Lines)
{
    /// <summary>Length in eighths of a page, the unit of breakdowns and call sheets; never less than one.</summary>
    public int Eighths(int linesPerPage) => Math.Max(1, (int)Math.Round(Lines * 8.0 / linesPerPage, MidpointRounding.AwayFromZero));
}

public sealed record PaginatedScript(IReadOnlyList<Page> Pages, IReadOnlyList<SceneSpan> Scenes, PdfLayoutOptions Options);
