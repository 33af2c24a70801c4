using System.Xml;
using System.Xml.Linq;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fdx;

/// <summary>A Final Draft file read into our model, with what had to be approximated.</summary>
public sealed record FdxImport(ParsedScreenplay Screenplay, IReadOnlyList<ImportWarning> Warnings);

/// <summary>
/// Reads Final Draft XML (.fdx). Paragraph types we model map to elements; other types (Shot, General,
/// Cast List, New Act…) become action that remembers its type, and attributes and child elements we do not
/// model travel in <see cref="ScriptElement.Extras"/>, so <see cref="FdxWriter"/> writes them back. Top-level
/// settings (page layout, SmartType lists, header and footer…) are kept whole on the screenplay.
/// Hostile input is refused by <see cref="SafeXml"/> with an <see cref="FdxFormatException"/>.
/// </summary>
public static class FdxReader
{
    private static readonly HashSet<string> ModelledTopLevel = new(StringComparer.Ordinal) { "Content", "TitlePage", "Revisions" };

    public static FdxImport Read(ReadOnlyMemory<byte> bytes)
    {
        var document = SafeXml.Load(bytes);
        var root = document.Root;
        if (root is null || root.Name.LocalName != "FinalDraft")
            throw new FdxFormatException($"This XML is not a Final Draft script: its root element is <{root?.Name.LocalName}>, not <FinalDraft>.");
        var content = root.Element("Content")
            ?? throw new FdxFormatException("This Final Draft file has no <Content> element, so no script text.");

        var warnings = new List<ImportWarning>();
        var body = new FdxContentReader(FdxRevisions.Read(root.Element("Revisions")), warnings);
        foreach (var paragraph in content.Elements("Paragraph"))
            body.Add(paragraph, dual: false);

        var screenplay = new ParsedScreenplay(FdxTitlePage.Read(root.Element("TitlePage")), body.Finish())
        {
            Extras = DocumentExtras(root),
        };
        return new FdxImport(screenplay, warnings);
    }

    public static ParsedScreenplay Parse(string xml) => Read(System.Text.Encoding.UTF8.GetBytes(xml)).Screenplay;

    private static FormatExtras? DocumentExtras(XElement root)
    {
        var values = root.Attributes()
            .Where(a => !a.IsNamespaceDeclaration)
            .Select(a => KeyValuePair.Create(FdxNames.ExtraRootAttributePrefix + a.Name.LocalName, a.Value))
            .ToList();
        var unknown = root.Elements().Where(e => !ModelledTopLevel.Contains(e.Name.LocalName)).ToList();
        if (unknown.Count > 0)
            values.Add(KeyValuePair.Create(FdxNames.ExtraXml, string.Concat(unknown.Select(e => e.ToString(SaveOptions.DisableFormatting)))));
        return FormatExtras.From(values);
    }

    internal static int? LineOf(XObject node) => node is IXmlLineInfo info && info.HasLineInfo() ? info.LineNumber : null;
}
