using System.Text;
using WritersRoom.Core.Fountain;

namespace WritersRoom.Core.Pdf;

/// <summary>
/// Breaks one line of styled text into lines of at most N columns of a monospaced font: at spaces, after any
/// wide (CJK) character, and inside a word only when the word alone is too long. Wide characters take two columns.
/// </summary>
public static class LineWrapper
{
    private readonly record struct Unit(string Glyph, Emphasis Style, int Width)
    {
        public bool IsSpace => Glyph == " " || Glyph == "\t";
    }

    public static List<List<StyledRun>> Wrap(IReadOnlyList<StyledRun> runs, int columns)
    {
        columns = Math.Max(1, columns);
        var units = Units(runs);
        var lines = new List<List<Unit>>();
        var line = new List<Unit>();
        var width = 0;
        var pendingSpaces = new List<Unit>();
        var i = 0;
        while (i < units.Count)
        {
            if (units[i].IsSpace)
            {
                pendingSpaces.Add(units[i++]);
                continue;
            }

            var end = i + 1;
            if (units[i].Width == 1)
            {
                while (end < units.Count && !units[end].IsSpace && units[end].Width == 1) end++;
            }
            var word = units.GetRange(i, end - i);
            var wordWidth = word.Sum(u => u.Width);
            var spaceWidth = pendingSpaces.Sum(u => u.Width);
            if (width + spaceWidth + wordWidth <= columns)
            {
                line.AddRange(pendingSpaces);
                line.AddRange(word);
                width += spaceWidth + wordWidth;
            }
            else
            {
                if (line.Count > 0) lines.Add(line);
                line = [];
                width = 0;
                // A word wider than the column is cut where the column ends.
                foreach (var unit in word)
                {
                    if (width + unit.Width > columns && line.Count > 0)
                    {
                        lines.Add(line);
                        line = [];
                        width = 0;
                    }
                    line.Add(unit);
                    width += unit.Width;
                }
            }
            pendingSpaces.Clear();
            i = end;
        }
        if (line.Count > 0 || lines.Count == 0) lines.Add(line);
        return lines.Select(Merge).ToList();
    }

    /// <summary>Columns a string takes in a monospaced font.</summary>
    public static int Width(string text) => Units([new StyledRun(text, Emphasis.None)]).Sum(u => u.Width);

    private static List<Unit> Units(IReadOnlyList<StyledRun> runs)
    {
        var units = new List<Unit>();
        foreach (var run in runs)
        {
            var text = run.Text;
            for (var i = 0; i < text.Length; i++)
            {
                if (char.IsHighSurrogate(text[i]) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
                {
                    var codePoint = char.ConvertToUtf32(text[i], text[i + 1]);
                    units.Add(new Unit(text.Substring(i, 2), run.Style, IsWide(codePoint) ? 2 : 1));
                    i++;
                    continue;
                }
                var glyph = text[i] == '\t' ? " " : text[i].ToString();
                units.Add(new Unit(glyph, run.Style, IsWide(text[i]) ? 2 : 1));
            }
        }
        return units;
    }

    private static List<StyledRun> Merge(List<Unit> units)
    {
        var runs = new List<StyledRun>();
        var text = new StringBuilder();
        Emphasis? style = null;
        foreach (var unit in units)
        {
            if (style is { } s && s != unit.Style)
            {
                runs.Add(new StyledRun(text.ToString(), s));
                text.Clear();
            }
            style = unit.Style;
            text.Append(unit.Glyph);
        }
        if (style is { } last) runs.Add(new StyledRun(text.ToString(), last));
        return runs;
    }

    /// <summary>East Asian wide and fullwidth characters (Unicode UAX #11, main blocks).</summary>
    public static bool IsWide(int c) =>
        c is >= 0x1100 and <= 0x115F
        or >= 0x2E80 and <= 0x303E
        or >= 0x3041 and <= 0x33FF
        or >= 0x3400 and <= 0x4DBF
        or >= 0x4E00 and <= 0x9FFF
        or >= 0xA000 and <= 0xA4CF
        or >= 0xAC00 and <= 0xD7A3
        or >= 0xF900 and <= 0xFAFF
        or >= 0xFE30 and <= 0xFE4F
        or >= 0xFF00 and <= 0xFF60
        or >= 0xFFE0 and <= 0xFFE6
        or >= 0x1F300 and <= 0x1F64F
        or >= 0x20000 and <= 0x3FFFD;
}
