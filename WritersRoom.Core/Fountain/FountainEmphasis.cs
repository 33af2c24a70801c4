using System.Text;

namespace WritersRoom.Core.Fountain;

/// <summary>
/// Fountain emphasis: <c>*italic*</c>, <c>**bold**</c>, <c>***bold italic***</c>, <c>_underline_</c>, and
/// <c>\*</c> / <c>\_</c> for literal characters. Element text keeps the markers for the renderer; search,
/// word counts and embeddings want the words only.
/// </summary>
public static class FountainEmphasis
{
    /// <summary>The text without emphasis markers. Unpaired markers ("5 * 3", "snake_case") stay as written.</summary>
    public static string ToPlain(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.AsSpan().IndexOfAny('*', '_', '\\') < 0)
            return text;

        // Emphasis never crosses a line break.
        return string.Join('\n', text.Split('\n').Select(PlainLine));
    }

    private readonly record struct Token(string Text, char Marker, int Count, bool CanOpen, bool CanClose)
    {
        public bool IsDelimiter => Marker != '\0';
    }

    /// <summary>
    /// One line of text split into runs of equal emphasis, markers removed: what a renderer or another format
    /// (Final Draft's Style attribute) needs. Line breaks are not expected; emphasis never crosses them.
    /// </summary>
    public static IReadOnlyList<StyledRun> ToRuns(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var tokens = Tokenize(line);
        var paired = Pair(tokens);
        var runs = new List<StyledRun>();
        var active = new Dictionary<Emphasis, int>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (paired[i] == PairRole.Opener || paired[i] == PairRole.Closer)
            {
                foreach (var flag in Flags(StyleOf(token)))
                    active[flag] = active.GetValueOrDefault(flag) + (paired[i] == PairRole.Opener ? 1 : -1);
                continue;
            }

            var style = active.Where(kv => kv.Value > 0).Aggregate(Emphasis.None, (s, kv) => s | kv.Key);
            if (runs.Count > 0 && runs[^1].Style == style)
                runs[^1] = runs[^1] with { Text = runs[^1].Text + token.Text };
            else if (token.Text.Length > 0)
                runs.Add(new StyledRun(token.Text, style));
        }
        return runs;
    }

    private static Emphasis StyleOf(Token token) => token.Marker == '_'
        ? Emphasis.Underline
        : token.Count switch { 1 => Emphasis.Italic, 2 => Emphasis.Bold, _ => Emphasis.Bold | Emphasis.Italic };

    private static IEnumerable<Emphasis> Flags(Emphasis style) =>
        new[] { Emphasis.Italic, Emphasis.Bold, Emphasis.Underline }.Where(f => style.HasFlag(f));

    private enum PairRole { Text, Opener, Closer }

    private static string PlainLine(string line)
    {
        var tokens = Tokenize(line);
        var paired = Pair(tokens);
        var plain = new StringBuilder(line.Length);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (paired[i] == PairRole.Text)
                plain.Append(tokens[i].Text);
        }
        return plain.ToString();
    }

    private static PairRole[] Pair(List<Token> tokens)
    {
        var roles = new PairRole[tokens.Count];
        var openers = new List<int>();

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsDelimiter)
                continue;

            // Close the nearest opener of the same kind; openers inside the pair that never closed stay text.
            var match = token.CanClose
                ? openers.FindLastIndex(o => tokens[o].Marker == token.Marker && tokens[o].Count == token.Count)
                : -1;
            if (match >= 0)
            {
                roles[openers[match]] = PairRole.Opener;
                roles[i] = PairRole.Closer;
                openers.RemoveRange(match, openers.Count - match);
            }
            else if (token.CanOpen)
            {
                openers.Add(i);
            }
        }
        return roles;
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

            var run = i;
            while (run < line.Length && line[run] == c) run++;
            var count = run - i;
            var before = i > 0 ? line[i - 1] : ' ';
            var after = run < line.Length ? line[run] : ' ';

            // Markers hug the words they emphasise; an underscore inside a word is just an underscore.
            var canOpen = !char.IsWhiteSpace(after) && (c == '*' || !char.IsLetterOrDigit(before));
            var canClose = !char.IsWhiteSpace(before) && (c == '*' || !char.IsLetterOrDigit(after));
            if (count > 3 || c == '_' && count > 1 || !(canOpen || canClose))
            {
                text.Append(c, count);
            }
            else
            {
                if (text.Length > 0) tokens.Add(new Token(text.ToString(), '\0', 0, false, false));
                text.Clear();
                tokens.Add(new Token(new string(c, count), c, count, canOpen, canClose));
            }
            i = run;
        }

        if (text.Length > 0) tokens.Add(new Token(text.ToString(), '\0', 0, false, false));
        return tokens;
    }
}
