namespace WritersRoom.Core.Ai;

/// <summary>
/// Content words for overlap scoring: tokens without common function words, crudely stemmed so
/// "doubts", "doubted" and "doubting" meet. Crude is fine: both sides go through the same function.
/// </summary>
public static class QueryTerms
{
    // "will" and "may" are left out on purpose: in scripts they are as often names as verbs.
    private static readonly HashSet<string> StopWords = new(StringComparer.Ordinal)
    {
        "a", "an", "the", "and", "or", "but", "if", "of", "to", "in", "on", "at", "by", "for", "with",
        "about", "from", "into", "as", "is", "are", "was", "were", "be", "been", "being", "am", "do",
        "does", "did", "have", "has", "had", "i", "me", "my", "you", "your", "he", "him", "his", "she",
        "her", "hers", "it", "its", "we", "us", "our", "they", "them", "their", "this", "that", "these",
        "those", "what", "which", "who", "whom", "whose", "where", "when", "why", "how", "there", "here",
        "not", "no", "so", "than", "then", "too", "very", "can", "could", "would", "should", "any", "some",
        "all", "first", "tell", "scene", "scenes", "script", "s", "t",
    };

    public static HashSet<string> Of(string? text)
    {
        var terms = new HashSet<string>(StringComparer.Ordinal);
        foreach (var word in WordTokenizer.Tokenize(text))
            if (!StopWords.Contains(word))
                terms.Add(Stem(word));
        return terms;
    }

    public static string Stem(string word)
    {
        var w = word;
        if (w.Length > 4 && w.EndsWith("ies", StringComparison.Ordinal))
            w = w[..^3] + "y";
        else if (w.Length > 5 && w.EndsWith("ing", StringComparison.Ordinal))
            w = w[..^3];
        else if (w.Length > 4 && w.EndsWith("ed", StringComparison.Ordinal))
            w = w[..^2];
        else if (w.Length > 4 && (w.EndsWith("shes", StringComparison.Ordinal) || w.EndsWith("ches", StringComparison.Ordinal)
                                  || w.EndsWith("sses", StringComparison.Ordinal) || w.EndsWith("xes", StringComparison.Ordinal)))
            w = w[..^2];
        else if (w.Length > 3 && w.EndsWith('s') && !w.EndsWith("ss", StringComparison.Ordinal))
            w = w[..^1];

        // "argue"/"argued" and "hope"/"hoped" meet only without the final e.
        if (w.Length > 3 && w.EndsWith('e'))
            w = w[..^1];
        return w;
    }
}
