using System.Xml.Linq;
using WritersRoom.Core.Fountain;

namespace WritersRoom.Core.Fdx;

/// <summary>
/// A paragraph's <c>&lt;Text Style="Bold+Italic"&gt;</c> runs to and from our text, which keeps Fountain emphasis
/// markers and joins lines with '\n' (Final Draft writes a newline inside a run).
/// </summary>
internal static class FdxText
{
    public sealed record Read(string Text, IReadOnlyList<string> RevisionIds);

    public static Read FromRuns(IEnumerable<XElement> texts)
    {
        var lines = new List<List<StyledRun>> { new() };
        var revisions = new List<string>();
        foreach (var text in texts)
        {
            var style = ParseStyle((string?)text.Attribute("Style"));
            var revision = (string?)text.Attribute("RevisionID");
            if (!string.IsNullOrEmpty(revision) && revision != "0") revisions.Add(revision);

            var value = text.Value.Replace("\r\n", "\n").Replace('\r', '\n');
            var parts = value.Split('\n');
            for (var i = 0; i < parts.Length; i++)
            {
                if (i > 0) lines.Add([]);
                if (parts[i].Length > 0) lines[^1].Add(new StyledRun(parts[i], style));
            }
        }

        var written = lines.Select(l => EmphasisWriter.ToFountain(l).TrimEnd()).ToList();
        // A newline closing the last run is how Final Draft ends a line, not an empty line of the script.
        while (written.Count > 1 && written[^1].Length == 0) written.RemoveAt(written.Count - 1);
        return new Read(string.Join('\n', written), revisions);
    }

    public static IEnumerable<XElement> ToRuns(string text, string? revisionId)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var runs = FountainEmphasis.ToRuns(lines[i]);
            if (runs.Count == 0) runs = [new StyledRun("", Emphasis.None)];
            for (var j = 0; j < runs.Count; j++)
            {
                var value = runs[j].Text + (j == runs.Count - 1 && i < lines.Length - 1 ? "\n" : "");
                var element = new XElement("Text", value);
                if (runs[j].Style != Emphasis.None) element.Add(new XAttribute("Style", FormatStyle(runs[j].Style)));
                if (revisionId is not null) element.Add(new XAttribute("RevisionID", revisionId));
                yield return element;
            }
        }
    }

    private static Emphasis ParseStyle(string? style)
    {
        var result = Emphasis.None;
        if (string.IsNullOrEmpty(style)) return result;
        foreach (var part in style.Split('+', StringSplitOptions.TrimEntries))
        {
            result |= part switch
            {
                "Bold" => Emphasis.Bold,
                "Italic" => Emphasis.Italic,
                "Underline" => Emphasis.Underline,
                _ => Emphasis.None, // AllCaps, Strikeout…: Fountain has no spelling for them.
            };
        }
        return result;
    }

    private static string FormatStyle(Emphasis style) => string.Join('+',
        new[] { (Emphasis.Bold, "Bold"), (Emphasis.Italic, "Italic"), (Emphasis.Underline, "Underline") }
            .Where(s => style.HasFlag(s.Item1)).Select(s => s.Item2));
}
