using System.Text;

namespace WritersRoom.Core.Fountain;

/// <summary>
/// Removes boneyard (<c>/* ... */</c>) text: writers park cut material there, and it must vanish as if
/// never written, even when it spans blank lines.
/// </summary>
internal static class Boneyard
{
    public static string Strip(string text)
    {
        var open = text.IndexOf("/*", StringComparison.Ordinal);
        if (open < 0)
            return text;

        var result = new StringBuilder(text.Length);
        var copiedUpTo = 0;
        while (open >= 0)
        {
            var close = text.IndexOf("*/", open + 2, StringComparison.Ordinal);
            if (close < 0)
                break; // An unterminated opener is ordinary text, as in other Fountain tools.

            var start = open;
            var end = close + 2;

            // When the boneyard fills whole lines, drop the lines too: otherwise an empty line would be
            // left behind and split the dialogue or action it sat in. Only the blanks around it are scanned (a scan
            // to the ends of its line made a long line of many boneyards quadratic).
            var lineStart = start;
            while (lineStart > 0 && text[lineStart - 1] != '\n' && char.IsWhiteSpace(text[lineStart - 1])) lineStart--;
            var lineEnd = end;
            while (lineEnd < text.Length && text[lineEnd] != '\n' && char.IsWhiteSpace(text[lineEnd])) lineEnd++;
            if ((lineStart == 0 || text[lineStart - 1] == '\n') && (lineEnd == text.Length || text[lineEnd] == '\n'))
            {
                start = lineStart;
                end = lineEnd < text.Length ? lineEnd + 1 : lineEnd;
            }

            if (start < copiedUpTo) start = copiedUpTo;
            result.Append(text, copiedUpTo, start - copiedUpTo);
            copiedUpTo = end;
            open = text.IndexOf("/*", end, StringComparison.Ordinal);
        }

        result.Append(text, copiedUpTo, text.Length - copiedUpTo);
        return result.ToString();
    }
}
