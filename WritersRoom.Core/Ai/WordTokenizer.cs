namespace WritersRoom.Core.Ai;

/// <summary>
/// Splits text into lower-case words of letters and digits. Apostrophes inside a word are folded away
/// ("don't" → "dont", "Will’s" → "wills") so straight and curly quotes, and their absence, read alike.
/// </summary>
public static class WordTokenizer
{
    public static List<string> Tokenize(string? text)
    {
        var words = new List<string>();
        if (string.IsNullOrEmpty(text))
            return words;

        var current = new System.Text.StringBuilder();
        foreach (var c in text)
        {
            if (char.IsLetterOrDigit(c))
                current.Append(char.ToLowerInvariant(c));
            else if (IsApostrophe(c) && current.Length > 0)
                continue;
            else
                Flush(current, words);
        }

        Flush(current, words);
        return words;
    }

    private static bool IsApostrophe(char c) => c is '\'' or '\u2019' or '\u2018' or '\u02BC';

    private static void Flush(System.Text.StringBuilder current, List<string> words)
    {
        if (current.Length == 0)
            return;
        words.Add(current.ToString());
        current.Clear();
    }
}
