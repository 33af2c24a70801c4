using WritersRoom.Core.Fountain;
using WritersRoom.Core.History;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Rewrites;

/// <summary>A paragraph of a planned scene rewrite: an old paragraph's id when it is that paragraph rewritten, else a new id.</summary>
public sealed record PlannedParagraph(Guid Id, ScriptElement Element, bool Kept);

/// <summary>
/// A whole scene's new text as the assistant writes it (Fountain, as a writer would type it), turned into paragraphs
/// and lined up with the scene's old paragraphs, so that each paragraph it rewrites keeps its id (and its comments) and
/// only the ones it adds or drops are new or gone.
/// </summary>
public static class SceneRewrite
{
    /// <summary>A scene longer than this is not a scene a rewrite should produce.</summary>
    public const int MaxParagraphs = 300;

    /// <summary>The paragraphs of <paramref name="text"/>: a Markdown code fence around it is dropped, and nothing is read as a title page.</summary>
    public static IReadOnlyList<ScriptElement> Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        // A leading blank line: "Note: …" or "Title: …" at the top is the scene's text, not a title page.
        return FountainParser.Parse("\n" + StripFence(text)).Elements
            .Where(e => e.Type is not (ElementType.PageBreak or ElementType.Section or ElementType.Synopsis) && e.Text.Trim().Length > 0)
            .ToList();
    }

    /// <summary>The text inside a fenced block (<c>```…```</c>) if the whole text is one; the text itself otherwise.</summary>
    public static string StripFence(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (!trimmed.StartsWith("```", StringComparison.Ordinal) || !trimmed.EndsWith("```", StringComparison.Ordinal) || trimmed.Length < 6) return trimmed;
        var firstLine = trimmed.IndexOf('\n');
        return firstLine < 0 ? trimmed.Trim('`').Trim() : trimmed[(firstLine + 1)..^3].Trim();
    }

    /// <summary>
    /// Pairs old and new paragraphs along a longest common subsequence in which a pair is the same type with the same
    /// or a mostly alike text; a paired new paragraph takes the old one's id.
    /// </summary>
    public static IReadOnlyList<PlannedParagraph> Align(IReadOnlyList<(Guid Id, ElementType Type, string Text)> before, IReadOnlyList<ScriptElement> after)
    {
        ArgumentNullException.ThrowIfNull(before);
        ArgumentNullException.ThrowIfNull(after);
        var match = new bool[before.Count, after.Count];
        for (var i = 0; i < before.Count; i++)
            for (var j = 0; j < after.Count; j++)
                match[i, j] = before[i].Type == after[j].Type && (before[i].Text == after[j].Text || TextDiff.Similar(before[i].Text, after[j].Text));

        var table = new int[before.Count + 1, after.Count + 1];
        for (var i = before.Count - 1; i >= 0; i--)
            for (var j = after.Count - 1; j >= 0; j--)
                table[i, j] = match[i, j] ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);

        var planned = new List<PlannedParagraph>(after.Count);
        int o = 0, n = 0;
        while (n < after.Count)
        {
            if (o < before.Count && match[o, n] && table[o, n] == table[o + 1, n + 1] + 1)
            {
                planned.Add(new PlannedParagraph(before[o].Id, after[n], true));
                o++;
                n++;
            }
            else if (o < before.Count && table[o + 1, n] >= table[o, n + 1]) o++;
            else
            {
                planned.Add(new PlannedParagraph(Guid.CreateVersion7(), after[n], false));
                n++;
            }
        }
        return planned;
    }
}
