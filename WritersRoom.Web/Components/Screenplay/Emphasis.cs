using System.Text;

namespace WritersRoom.Web.Components.Screenplay;

[Flags]
public enum EmphasisStyle
{
    None = 0,
    Italic = 1,
    Bold = 2,
    Underline = 4,
}

/// <summary>A stretch of text with one style; the renderer turns it into em/strong/u around escaped text.</summary>
public readonly record struct EmphasisRun(string Text, EmphasisStyle Style);

/// <summary>
/// Splits Fountain text into styled runs: <c>*italic*</c>, <c>**bold**</c>, <c>***bold italic***</c>,
/// <c>_underline_</c>, <c>\*</c> for a literal star. Markers that do not pair ("5 * 3", "snake_case") stay text,
/// so a writer never loses a character to the renderer.
/// </summary>
public static class Emphasis
{
    public static IReadOnlyList<EmphasisRun> Parse(string text)
    {
        if (text.AsSpan().IndexOfAny('*', '_', '\\') < 0)
            return text.Length == 0 ? [] : [new EmphasisRun(text, EmphasisStyle.None)];

        var runs = new List<EmphasisRun>();
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            // Emphasis never crosses a line break: each line starts plain.
            if (i > 0) Append(runs, "\n", EmphasisStyle.None);
            ParseLine(lines[i], runs);
        }
        return runs;
    }

    private readonly record struct Token(string Text, char Marker, int Count, bool CanOpen, bool CanClose)
    {
        public bool IsMarker => Marker != '\0';

        public EmphasisStyle Style => (Marker, Count) switch
        {
            ('_', _) => EmphasisStyle.Underline,
            ('*', 1) => EmphasisStyle.Italic,
            ('*', 2) => EmphasisStyle.Bold,
            ('*', _) => EmphasisStyle.Bold | EmphasisStyle.Italic,
            _ => EmphasisStyle.None,
        };
    }

    private enum Role { Text, Open, Close }

    private static void ParseLine(string line, List<EmphasisRun> runs)
    {
        var tokens = Tokenize(line);
        var roles = new Role[tokens.Count];
        var openers = new List<int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsMarker) continue;
            var match = token.CanClose
                ? openers.FindLastIndex(o => tokens[o].Marker == token.Marker && tokens[o].Count == token.Count)
                : -1;
            if (match >= 0)
            {
                roles[openers[match]] = Role.Open;
                roles[i] = Role.Close;
                // Openers inside the pair that never closed are plain text.
                openers.RemoveRange(match, openers.Count - match);
            }
            else if (token.CanOpen)
            {
                openers.Add(i);
            }
        }

        // Depths rather than toggles, so "**a **b** c**" keeps "c" bold.
        int italic = 0, bold = 0, underline = 0;
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var delta = roles[i] switch { Role.Open => 1, Role.Close => -1, _ => 0 };
            if (delta == 0)
            {
                var style = (italic > 0 ? EmphasisStyle.Italic : 0) | (bold > 0 ? EmphasisStyle.Bold : 0) | (underline > 0 ? EmphasisStyle.Underline : 0);
                Append(runs, token.Text, style);
                continue;
            }
            if (token.Style.HasFlag(EmphasisStyle.Italic)) italic += delta;
            if (token.Style.HasFlag(EmphasisStyle.Bold)) bold += delta;
            if (token.Style.HasFlag(EmphasisStyle.Underline)) underline += delta;
        }
    }

    private static void Append(List<EmphasisRun> runs, string text, EmphasisStyle style)
    {
        if (text.Length == 0) return;
        if (runs.Count > 0 && runs[^1].Style == style)
            runs[^1] = new EmphasisRun(runs[^1].Text + text, style);
        else
            runs.Add(new EmphasisRun(text, style));
    }

    private static List<Token> Tokenize(string line)
    {
        var tokens = new List<Token>();
        var text = new StringBuilder();
        var i = 0;
        while (i < line.Length)
        {
            var c = line[i];
            if (c == '\\' && i + 1 < line.Length && line[i + 1] is '*' or '_' or '\\')
            {
                text.Append(line[i + 1]);
                i += 2;
                continue;
            }
            if (c is not ('*' or '_'))
            {
                text.Append(c);
                i++;
                continue;
            }

            var end = i;
            while (end < line.Length && line[end] == c) end++;
            var count = end - i;
            var before = i > 0 ? line[i - 1] : ' ';
            var after = end < line.Length ? line[end] : ' ';
            // A marker hugs the words it emphasises; an underscore inside a word is part of the word.
            var canOpen = !char.IsWhiteSpace(after) && (c == '*' || !char.IsLetterOrDigit(before));
            var canClose = !char.IsWhiteSpace(before) && (c == '*' || !char.IsLetterOrDigit(after));
            if (count > 3 || (c == '_' && count > 1) || !(canOpen || canClose))
            {
                text.Append(c, count);
            }
            else
            {
                if (text.Length > 0) tokens.Add(new Token(text.ToString(), '\0', 0, false, false));
                text.Clear();
                tokens.Add(new Token(new string(c, count), c, count, canOpen, canClose));
            }
            i = end;
        }
        if (text.Length > 0) tokens.Add(new Token(text.ToString(), '\0', 0, false, false));
        return tokens;
    }
}
