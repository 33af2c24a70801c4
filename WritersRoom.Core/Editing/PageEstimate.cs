using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Editing;

/// <summary>
/// Page count as a printed script would have it (Courier 12, 55 lines a page, the usual column widths), and the
/// rule of thumb that a page plays for about a minute. An estimate: no widows/orphans or (MORE)/(CONT'D).
/// </summary>
public static class PageEstimate
{
    public const int LinesPerPage = 55;

    /// <summary>Characters per line for each element, from the standard indents (action 6.0", dialogue 3.5"…).</summary>
    public static int Width(ElementType type) => type switch
    {
        ElementType.Dialogue => 35,
        ElementType.Parenthetical => 25,
        ElementType.Character => 38,
        ElementType.Transition => 20,
        ElementType.Lyric => 35,
        ElementType.Centered => 50,
        _ => 61,
    };

    /// <summary>Printed lines of one paragraph, including the blank line before it where a script has one.</summary>
    public static int Lines(ElementType type, string text, ElementType? previous)
    {
        if (type is ElementType.Section or ElementType.Synopsis or ElementType.Note) return 0; // not printed
        if (type == ElementType.PageBreak) return 0;
        var blankBefore = previous is null || type is ElementType.Dialogue or ElementType.Parenthetical ? 0 : 1;
        return blankBefore + WrappedLines(text, Width(type));
    }

    public static double Pages(IEnumerable<(ElementType Type, string Text)> paragraphs)
    {
        var lines = 0;
        ElementType? previous = null;
        foreach (var (type, text) in paragraphs)
        {
            lines += Lines(type, text, previous);
            if (type is not (ElementType.Section or ElementType.Synopsis or ElementType.Note)) previous = type;
        }
        return (double)lines / LinesPerPage;
    }

    /// <summary>About one minute of screen time per page.</summary>
    public static TimeSpan ScreenTime(double pages) => TimeSpan.FromSeconds(Math.Round(pages * 60));

    private static int WrappedLines(string text, int width)
    {
        var lines = 0;
        foreach (var line in text.Split('\n'))
        {
            var words = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var count = 1;
            var used = 0;
            foreach (var word in words)
            {
                var length = Math.Min(word.Length, width);
                if (used > 0 && used + 1 + length > width) { count++; used = length; }
                else used += used > 0 ? 1 + length : length;
            }
            lines += count;
        }
        return lines;
    }
}
