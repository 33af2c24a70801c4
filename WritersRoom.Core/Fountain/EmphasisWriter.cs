using System.Text;

namespace WritersRoom.Core.Fountain;

/// <summary>
/// Styled runs back to one line of Fountain text with emphasis markers, the inverse of
/// <see cref="FountainEmphasis.ToRuns"/>: formats with styled runs (Final Draft) import into the same text a
/// Fountain writer would have typed, e.g. <c>_Steel's face FILLS the *Leupold Mark 4* scope_.</c>
/// </summary>
public static class EmphasisWriter
{
    // Outermost first: "_**TITLE**_" is how writers nest them, and "***" reads back as bold italic.
    private static readonly Emphasis[] Order = [Emphasis.Underline, Emphasis.Bold, Emphasis.Italic];

    public static string ToFountain(IReadOnlyList<StyledRun> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        // Text is kept as typed where it reads back right; a literal '*' or '_' that would pair up by accident
        // is escaped; some style changes have no Fountain spelling at all (a marker mid-word, "*" closing
        // next to "**"), and then the words are kept without their emphasis.
        foreach (var escape in new[] { false, true })
        {
            var marked = WithMarkers(runs, escape);
            if (SameRuns(FountainEmphasis.ToRuns(marked), runs))
                return marked;
        }
        return Escape(string.Concat(runs.Select(r => r.Text)));
    }

    private static string WithMarkers(IReadOnlyList<StyledRun> runs, bool escape)
    {
        var output = new StringBuilder();
        var open = new List<Emphasis>();
        // Markers must hug words: whitespace at a run's edges goes outside the markers that change there,
        // so a run's trailing whitespace waits until the closers after it are written.
        var pending = "";
        foreach (var run in runs)
        {
            var core = run.Text.Trim();
            var leading = run.Text[..(run.Text.Length - run.Text.TrimStart().Length)];
            var trailing = core.Length == 0 ? "" : run.Text[run.Text.TrimEnd().Length..];
            // Styles that stop here close even before plain spaces, so "_a_ _b_" keeps its two underlines.
            var keep = 0;
            while (keep < open.Count && run.Style.HasFlag(open[keep])) keep++;
            for (var i = open.Count - 1; i >= keep; i--) output.Append(Marker(open[i]));
            open.RemoveRange(keep, open.Count - keep);
            if (core.Length == 0)
            {
                pending += leading;
                continue;
            }

            output.Append(pending).Append(leading);
            foreach (var flag in Order.Where(f => run.Style.HasFlag(f) && !open.Contains(f)))
            {
                output.Append(Marker(flag));
                open.Add(flag);
            }
            output.Append(escape ? Escape(core) : core);
            pending = trailing;
        }

        for (var i = open.Count - 1; i >= 0; i--) output.Append(Marker(open[i]));
        return output.Append(pending).ToString();
    }

    private static string Marker(Emphasis flag) => flag switch
    {
        Emphasis.Underline => "_",
        Emphasis.Bold => "**",
        _ => "*",
    };

    private static bool SameRuns(IReadOnlyList<StyledRun> actual, IReadOnlyList<StyledRun> expected) =>
        Normalize(actual).SequenceEqual(Normalize(expected));

    // Whitespace may legitimately move across a style boundary, so compare per character with spaces unstyled.
    private static IEnumerable<(char, Emphasis)> Normalize(IEnumerable<StyledRun> runs) =>
        runs.SelectMany(r => r.Text.Select(c => (c, char.IsWhiteSpace(c) ? Emphasis.None : r.Style)));

    private static string Escape(string text) =>
        text.Replace("\\", "\\\\").Replace("*", "\\*").Replace("_", "\\_");
}
