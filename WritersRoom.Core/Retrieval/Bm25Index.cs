using WritersRoom.Core.Ai;

namespace WritersRoom.Core.Retrieval;

/// <summary>
/// Okapi BM25 over a small corpus (one script's scenes). IDF matters here: Postgres's ts_rank has none, and on
/// Big Fish that alone lost half the plot questions, because names such as EDWARD appear in most scenes.
/// Documents are tokenised and stemmed the same way as questions (<see cref="QueryTerms"/>).
/// </summary>
public sealed class Bm25Index
{
    private const double K1 = 1.2;
    private const double B = 0.75;

    private readonly IReadOnlyList<DocumentTerms> _documents;
    private readonly Dictionary<string, int> _documentFrequencies;
    private readonly double _averageLength;

    public Bm25Index(IReadOnlyList<string> documents)
        : this(documents?.Select(DocumentTerms.Of).ToList() ?? throw new ArgumentNullException(nameof(documents)))
    {
    }

    /// <summary>An index over documents already counted (see <see cref="DocumentTerms"/>); only the document frequencies are summed here.</summary>
    public Bm25Index(IReadOnlyList<DocumentTerms> documents)
        : this(documents, CountDocumentFrequencies(documents))
    {
    }

    private Bm25Index(IReadOnlyList<DocumentTerms> documents, Dictionary<string, int> documentFrequencies)
    {
        _documents = documents;
        _documentFrequencies = documentFrequencies;
        _averageLength = documents.Count == 0 ? 1 : Math.Max(1, documents.Average(d => d.Length));
    }

    /// <summary>
    /// The index over <paramref name="documents"/>, which differ from this index's documents by the ones no longer
    /// there and the new ones (compared by reference): the document frequencies are adjusted for those alone instead
    /// of summed again over every document, so a question after a one-scene edit costs that scene, not the script.
    /// </summary>
    public Bm25Index Update(IReadOnlyList<DocumentTerms> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var before = new HashSet<DocumentTerms>(_documents, ReferenceEqualityComparer.Instance);
        var after = new HashSet<DocumentTerms>(documents, ReferenceEqualityComparer.Instance);
        if (before.Count != _documents.Count || after.Count != documents.Count) return new Bm25Index(documents); // shared instances: count afresh
        if (before.SetEquals(after)) return new Bm25Index(documents, _documentFrequencies); // reordered or re-stamped only; never mutated
        var frequencies = new Dictionary<string, int>(_documentFrequencies, StringComparer.Ordinal);
        foreach (var gone in _documents.Where(d => !after.Contains(d)))
        foreach (var term in gone.Counts.Keys)
            if (--frequencies[term] == 0) frequencies.Remove(term);
        foreach (var added in documents.Where(d => !before.Contains(d)))
        foreach (var term in added.Counts.Keys)
            frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
        return new Bm25Index(documents, frequencies);
    }

    private static Dictionary<string, int> CountDocumentFrequencies(IReadOnlyList<DocumentTerms> documents)
    {
        ArgumentNullException.ThrowIfNull(documents);
        var frequencies = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var document in documents)
        foreach (var term in document.Counts.Keys)
            frequencies[term] = frequencies.GetValueOrDefault(term) + 1;
        return frequencies;
    }

    public int Count => _documents.Count;

    /// <summary>Indexes of documents with a positive score, best first (ties keep document order).</summary>
    public IReadOnlyList<int> Rank(string query)
    {
        var terms = QueryTerms.Of(query);
        var scores = new List<(int Index, double Score)>();
        for (var i = 0; i < _documents.Count; i++)
        {
            var score = Score(terms, i);
            if (score > 0) scores.Add((i, score));
        }

        return scores.OrderByDescending(s => s.Score).ThenBy(s => s.Index).Select(s => s.Index).ToList();
    }

    public double Score(IReadOnlySet<string> terms, int document)
    {
        ArgumentNullException.ThrowIfNull(terms);
        var counts = _documents[document].Counts;
        var norm = K1 * (1 - B + B * _documents[document].Length / _averageLength);
        double score = 0;
        foreach (var term in terms)
        {
            if (!counts.TryGetValue(term, out var tf)) continue;
            score += Idf(term) * tf * (K1 + 1) / (tf + norm);
        }

        return score;
    }

    private double Idf(string term)
    {
        var df = _documentFrequencies.GetValueOrDefault(term);
        return Math.Log(1 + (Count - df + 0.5) / (df + 0.5));
    }
}
