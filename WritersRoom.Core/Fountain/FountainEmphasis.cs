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
        // Text of equal style is gathered before it becomes a run: appending token by token to a run's string would
        // copy it again for every token, quadratic on a long line of stray markers.
        var pending = new StringBuilder();
        var pendingStyle = Emphasis.None;
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
            if (token.Text.Length == 0) continue;
            if (pending.Length > 0 && style != pendingStyle)
            {
                runs.Add(new StyledRun(pending.ToString(), pendingStyle));
                pending.Clear();
            }
            pendingStyle = style;
            pending.Append(token.Text);
        }
        if (pending.Length > 0) runs.Add(new StyledRun(pending.ToString(), pendingStyle));
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
        // Open markers by kind (marker and count), innermost last: a closer pairs with the innermost opener of its kind,
        // and openers inside that pair that never closed stay text. One stack per kind keeps this linear however many
        // stray markers a line has (a scan of one list of every opener was quadratic on hostile input).
        var openers = new Dictionary<(char Marker, int Count), Stack<int>>();

        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            if (!token.IsDelimiter)
                continue;

            var kind = (token.Marker, token.Count);
            if (token.CanClose && openers.TryGetValue(kind, out var same) && same.TryPop(out var opener))
            {
                roles[opener] = PairRole.Opener;
                roles[i] = PairRole.Closer;
                foreach (var stack in openers.Values)
                    while (stack.TryPeek(out var inner) && inner > opener) stack.Pop();
            }
            else if (token.CanOpen)
            {
                if (!openers.TryGetValue(kind, out var stack)) openers[kind] = stack = new Stack<int>();
                stack.Push(i);
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
