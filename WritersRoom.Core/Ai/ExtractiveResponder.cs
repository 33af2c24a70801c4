using System.Text;

namespace WritersRoom.Core.Ai;

/// <summary>
/// Answers without a language model: quotes the sentences and dialogue lines of the retrieved scenes that
/// share the most (IDF-weighted) words with the question, each with its <c>[Scene N]</c> citation.
/// It cannot reason or write, so it says plainly that it is offline.
/// </summary>
public sealed class ExtractiveResponder
{
    public const string OfflinePrefix = AiProviderInfo.OfflineLabel + " — ";
    public const string NothingFound = "I couldn't find anything in the script about that.";
    public const string CannotRewrite = "I can't rewrite: rewriting needs a language model, and none is configured. Nothing in the script was changed.";

    private const int MaxQuotes = 3;
    private const int MaxQuotesPerScene = 2;
    private const int MaxQuoteLength = 400;
    private const double HeadingWeight = 0.5;

    // A quote scoring under half the best one is usually a lone shared name: noise next to the real answer.
    private const double RelativeCutoff = 0.5;

    public string Respond(string? question, IReadOnlyList<ScenePassage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        if (passages.Count == 0)
            return OfflinePrefix + NothingFound;

        var quotes = PickQuotes(QueryTerms.Of(question), passages);
        if (quotes.Count == 0)
            return ListRetrievedScenes(passages);

        var answer = new StringBuilder(OfflinePrefix).Append("the most relevant passages:\n");
        foreach (var quote in quotes)
            answer.Append("\n- \"").Append(Shorten(quote.Text)).Append("\" ").Append(quote.Passage.Citation);
        return answer.ToString();
    }

    /// <summary>
    /// A request to rewrite, offline: said plainly that it cannot be done here (no proposal to apply, not even a
    /// mechanical one that would pass for a rewrite), with the passages the request points to, to rework by hand.
    /// </summary>
    public string RespondToRewrite(string? question, IReadOnlyList<ScenePassage> passages)
    {
        ArgumentNullException.ThrowIfNull(passages);
        var answer = new StringBuilder(OfflinePrefix).Append(CannotRewrite);
        var quotes = passages.Count == 0 ? [] : PickQuotes(QueryTerms.Of(question), passages);
        if (quotes.Count > 0)
        {
            answer.Append("\n\nThe passages your request points to, to rework by hand:\n");
            foreach (var quote in quotes)
                answer.Append("\n- \"").Append(Shorten(quote.Text)).Append("\" ").Append(quote.Passage.Citation);
        }
        else if (passages.Count > 0)
        {
            answer.Append("\n\nThe scene it points to: ").Append(SceneCitation.FormatBlockHeader(passages[0].SceneNumber, passages[0].Heading));
        }
        return answer.ToString();
    }

    private static List<Candidate> PickQuotes(HashSet<string> query, IReadOnlyList<ScenePassage> passages)
    {
        if (query.Count == 0)
            return [];

        var idf = InverseDocumentFrequency(query, passages);
        var candidates = new List<Candidate>();
        for (var p = 0; p < passages.Count; p++)
        {
            var passage = passages[p];
            var headingScore = Score(query, QueryTerms.Of(passage.Heading), idf) * HeadingWeight;
            var units = QuotableUnits.Split(passage.Body);
            for (var u = 0; u < units.Count; u++)
            {
                var own = Score(query, QueryTerms.Of(units[u]), idf);
                if (own > 0)
                    candidates.Add(new(passage, units[u], own + headingScore, p, u));
            }

            // A scene whose heading alone matches ("what happens at the river?") is still worth quoting.
            if (headingScore > 0 && units.Count > 0 && !candidates.Any(c => c.Passage == passage))
                candidates.Add(new(passage, units[0], headingScore, p, 0));
        }

        // Best first; among equals the shorter (more precise) quote, then script order, so output is stable.
        var picked = new List<Candidate>();
        var cutoff = candidates.Count == 0 ? 0 : candidates.Max(c => c.Score) * RelativeCutoff;
        foreach (var candidate in candidates
                     .OrderByDescending(c => c.Score)
                     .ThenBy(c => c.Text.Length)
                     .ThenBy(c => c.PassageIndex)
                     .ThenBy(c => c.UnitIndex))
        {
            if (picked.Count == MaxQuotes || candidate.Score < cutoff)
                break;
            if (picked.Count(c => c.Passage == candidate.Passage) < MaxQuotesPerScene)
                picked.Add(candidate);
        }

        return picked;
    }

    private static Dictionary<string, double> InverseDocumentFrequency(HashSet<string> query, IReadOnlyList<ScenePassage> passages)
    {
        var documents = passages.Select(p => QueryTerms.Of(p.Heading + "\n" + p.Body)).ToList();
        var idf = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach (var term in query)
        {
            var frequency = documents.Count(d => d.Contains(term));
            if (frequency > 0)
                idf[term] = 1 + Math.Log((1.0 + passages.Count) / frequency);
        }

        return idf;
    }

    private static double Score(HashSet<string> query, HashSet<string> terms, Dictionary<string, double> idf)
    {
        var score = 0.0;
        foreach (var term in query)
            if (terms.Contains(term) && idf.TryGetValue(term, out var weight))
                score += weight;
        return score;
    }

    private static string ListRetrievedScenes(IReadOnlyList<ScenePassage> passages)
    {
        var answer = new StringBuilder(OfflinePrefix)
            .Append("I couldn't find a passage that matches your question. The scenes retrieved for it:\n");
        foreach (var passage in passages.Take(MaxQuotes))
            answer.Append("\n- ").Append(SceneCitation.FormatBlockHeader(passage.SceneNumber, passage.Heading));
        return answer.ToString();
    }

    private static string Shorten(string text) =>
        text.Length <= MaxQuoteLength ? text : text[..(MaxQuoteLength - 1)].TrimEnd() + "…";

    private sealed record Candidate(ScenePassage Passage, string Text, double Score, int PassageIndex, int UnitIndex);
}
