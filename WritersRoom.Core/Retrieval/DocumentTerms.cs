using WritersRoom.Core.Ai;

namespace WritersRoom.Core.Retrieval;

/// <summary>
/// One document as BM25 counts it: stemmed term frequencies and its length in words. Computed once per text and
/// kept with it, so ranking a script's scenes again after a small edit re-counts only the scenes that changed.
/// </summary>
public sealed class DocumentTerms
{
    private DocumentTerms(Dictionary<string, int> counts, int length)
    {
        Counts = counts;
        Length = length;
    }

    public IReadOnlyDictionary<string, int> Counts { get; }
    public int Length { get; }

    public static DocumentTerms Of(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        var words = WordTokenizer.Tokenize(text);
        foreach (var word in words)
        {
            var stem = QueryTerms.Stem(word);
            counts[stem] = counts.GetValueOrDefault(stem) + 1;
        }

        return new DocumentTerms(counts, words.Count);
    }
}
