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

    private static string PlainLine(string line)
    {
        var tokens = Tokenize(line);
        var removed = new bool[tokens.Count];
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
                removed[openers[match]] = removed[i] = true;
                openers.RemoveRange(match, openers.Count - match);
            }
            else if (token.CanOpen)
            {
                openers.Add(i);
            }
        }

        var plain = new StringBuilder(line.Length);
        for (var i = 0; i < tokens.Count; i++)
        {
            if (!removed[i])
                plain.Append(tokens[i].Text);
        }
        return plain.ToString();
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
