using System.Text.RegularExpressions;
using System.Xml.Linq;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fdx;

/// <summary>
/// Final Draft's title page is free paragraphs laid out on a page; ours is key/value fields. Our own exports
/// carry the key as a hint attribute; other files are read by the conventions of a title page: a centred
/// title, "written by" and the author, a source line, and contact and draft date at the bottom left.
/// </summary>
internal static partial class FdxTitlePage
{
    private static readonly HashSet<string> Centred = new(StringComparer.OrdinalIgnoreCase) { "Title", "Credit", "Author", "Authors", "Source", "Notes" };

    public static XElement Write(IReadOnlyList<TitleEntry> entries)
    {
        var content = new XElement("Content");
        // Blank paragraphs place the title a third of the way down, as Final Draft's own template does.
        for (var i = 0; i < 16; i++) content.Add(Blank());
        var bottomStarted = false;
        foreach (var entry in entries)
        {
            var centred = Centred.Contains(entry.Key);
            if (!centred && !bottomStarted)
            {
                for (var i = 0; i < 8; i++) content.Add(Blank());
                bottomStarted = true;
            }
            content.Add(new XElement("Paragraph",
                new XAttribute("Type", FdxNames.General),
                new XAttribute("Alignment", centred ? "Center" : "Left"),
                new XAttribute(FdxNames.HintKey, entry.Key),
                FdxText.ToRuns(entry.Value, null)));
            if (centred) content.Add(Blank());
        }
        return new XElement("TitlePage", content);

        static XElement Blank() => new("Paragraph", new XAttribute("Type", FdxNames.General), new XElement("Text", ""));
    }

    public static IReadOnlyList<TitleEntry> Read(XElement? titlePage)
    {
        var paragraphs = titlePage?.Element("Content")?.Elements("Paragraph")
            .Select(p => (Key: (string?)p.Attribute(FdxNames.HintKey), Centred: (string?)p.Attribute("Alignment") == "Center",
                Text: FdxText.FromRuns(p.Elements("Text")).Text.Trim()))
            .Where(p => p.Text.Length > 0)
            .ToList() ?? [];

        var entries = new List<TitleEntry>();
        var keys = new HashSet<string>(StringComparer.Ordinal);
        // Lines continuing one entry are joined once it ends: joining them one by one was quadratic on a long page.
        var lines = new List<string>();
        string? previous = null;
        foreach (var p in paragraphs)
        {
            var key = p.Key ?? Guess(p.Text, p.Centred, previous, keys);
            if (p.Key is null && key == previous && entries.Count > 0)
            {
                lines.Add(p.Text);
                continue;
            }
            End(entries, lines);
            entries.Add(new TitleEntry(key, p.Text));
            lines.Add(p.Text);
            keys.Add(key);
            previous = key;
        }
        End(entries, lines);
        return entries;

        static void End(List<TitleEntry> entries, List<string> lines)
        {
            if (lines.Count > 1) entries[^1] = entries[^1] with { Value = string.Join('\n', lines) };
            lines.Clear();
        }
    }

    private static string Guess(string text, bool centred, string? previous, HashSet<string> keys)
    {
        var plain = FountainEmphasis.ToPlain(text).Trim();
        bool Has(string key) => keys.Contains(key);

        if (CreditLine().IsMatch(plain)) return "Credit";
        if (previous == "Credit") return "Author";
        if (plain.StartsWith('©') || plain.StartsWith("(c)", StringComparison.OrdinalIgnoreCase) || plain.StartsWith("copyright", StringComparison.OrdinalIgnoreCase))
            return "Copyright";
        if (plain.Contains("based on", StringComparison.OrdinalIgnoreCase) || plain.StartsWith("story by", StringComparison.OrdinalIgnoreCase))
            return "Source";
        if (DateLine().IsMatch(plain)) return "Draft date";
        if (centred) return previous == "Title" || !Has("Title") ? "Title" : "Notes";
        return "Contact";
    }

    [GeneratedRegex(@"^(written|screenplay|teleplay|script|story)?\s*by:?$", RegexOptions.IgnoreCase)]
    private static partial Regex CreditLine();

    [GeneratedRegex(@"^((draft|revised|revision)\b.*|\d{1,4}[/.-]\d{1,2}[/.-]\d{1,4}|(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?\s+\d{1,2},?\s+\d{4})$", RegexOptions.IgnoreCase)]
    private static partial Regex DateLine();
}
