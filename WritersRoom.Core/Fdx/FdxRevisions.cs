using System.Globalization;
using System.Xml.Linq;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fdx;

/// <summary>
/// Final Draft's revision sets: <c>&lt;Revisions&gt;&lt;Revision ID="1" Name="Blue Rev." Color="#…" Mark="*"/&gt;</c>,
/// referred to from text runs by <c>RevisionID</c>. We keep one colour per paragraph, by name.
/// </summary>
internal static class FdxRevisions
{
    public static Dictionary<string, string> Read(XElement? revisions)
    {
        var colours = new Dictionary<string, string>(StringComparer.Ordinal);
        if (revisions is null) return colours;
        foreach (var revision in revisions.Elements("Revision"))
        {
            var id = (string?)revision.Attribute("ID");
            if (string.IsNullOrEmpty(id)) continue;
            var name = (string?)revision.Attribute("Name");
            colours[id] = RevisionColors.FindIn(name) ?? (string.IsNullOrWhiteSpace(name) ? $"Revision {id}" : name.Trim());
        }
        return colours;
    }

    /// <summary>The <c>&lt;Revisions&gt;</c> element for the colours in use, numbered in sequence order, and the id of each colour.</summary>
    public static (XElement? Element, Dictionary<string, string> IdByColour) Write(IEnumerable<string> coloursInUse)
    {
        var colours = coloursInUse.Distinct(StringComparer.OrdinalIgnoreCase).OrderBy(RevisionColors.Rank).ToList();
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (colours.Count == 0) return (null, ids);

        var element = new XElement("Revisions",
            new XAttribute("ActiveSet", colours.Count.ToString(CultureInfo.InvariantCulture)),
            new XAttribute("RevisionMode", "Active"),
            new XAttribute("RevisionsShown", "Active"));
        for (var i = 0; i < colours.Count; i++)
        {
            var id = (i + 1).ToString(CultureInfo.InvariantCulture);
            ids[colours[i]] = id;
            element.Add(new XElement("Revision",
                new XAttribute("ID", id),
                new XAttribute("Name", colours[i] + " Rev."),
                new XAttribute("Color", FinalDraftColour(RevisionColors.HexOf(colours[i]))),
                new XAttribute("Mark", "*"),
                new XAttribute("FullRevision", "False")));
        }
        return (element, ids);
    }

    // Final Draft writes 16 bits a channel (#RRRRGGGGBBBB).
    private static string FinalDraftColour(string hex) =>
        "#" + string.Concat(Enumerable.Range(0, 3).Select(i => hex.Substring(1 + 2 * i, 2) + hex.Substring(1 + 2 * i, 2)));
}
