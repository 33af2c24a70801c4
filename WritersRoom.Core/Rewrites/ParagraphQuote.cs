namespace WritersRoom.Core.Rewrites;

/// <summary>
/// Finds the paragraph the assistant means by quoting it. It quotes from what it read, so the quote is the paragraph's
/// text give or take spacing, case and curly quotes, or a distinctive part of it; anything vaguer is refused rather
/// than guessed, and the assistant is told to quote exactly.
/// </summary>
public static class ParagraphQuote
{
    private const int MinPartialLength = 12;

    /// <summary>The index of the one paragraph <paramref name="quote"/> names, or null when none or several do.</summary>
    public static int? Find(IReadOnlyList<string> paragraphs, string quote)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        ArgumentNullException.ThrowIfNull(quote);
        var wanted = Normalize(quote);
        if (wanted.Length == 0) return null;
        var normalized = paragraphs.Select(Normalize).ToList();
        var exact = Indexes(normalized, p => p == wanted);
        if (exact.Count > 0) return exact.Count == 1 ? exact[0] : null;
        if (wanted.Length < MinPartialLength) return null;
        var partial = Indexes(normalized, p => p.Contains(wanted, StringComparison.Ordinal) || (p.Length >= MinPartialLength && wanted.Contains(p, StringComparison.Ordinal)));
        return partial.Count == 1 ? partial[0] : null;
    }

    private static List<int> Indexes(List<string> paragraphs, Func<string, bool> test) =>
        Enumerable.Range(0, paragraphs.Count).Where(i => test(paragraphs[i])).ToList();

    private static string Normalize(string text) =>
        string.Join(' ', text.Replace('’', '\'').Replace('‘', '\'').Replace('“', '"').Replace('”', '"')
            .Trim().Trim('"').ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
}
