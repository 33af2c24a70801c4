using System.Text;
using System.Xml;
using System.Xml.Linq;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fdx;

/// <summary>
/// Writes Final Draft XML. Sections and synopses, which Final Draft lacks, become General paragraphs with a
/// hint attribute; notes become script notes on the paragraph before them; page breaks set StartsNewPage
/// on the paragraph after. What an FDX import kept in <see cref="FormatExtras"/> is written back.
/// </summary>
public static class FdxWriter
{
    private static readonly XmlWriterSettings Settings = new()
    {
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        Indent = true,
        NewLineChars = "\n",
    };

    public static string Write(ParsedScreenplay screenplay)
    {
        using var stream = new MemoryStream();
        Write(screenplay, stream);
        return Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Write(ParsedScreenplay screenplay, Stream output)
    {
        ArgumentNullException.ThrowIfNull(screenplay);
        var document = new XDocument(new XDeclaration("1.0", "UTF-8", "no"), Build(screenplay));
        using var writer = XmlWriter.Create(output, Settings);
        document.Save(writer);
    }

    private static XElement Build(ParsedScreenplay screenplay)
    {
        var root = new XElement("FinalDraft",
            new XAttribute("DocumentType", "Script"), new XAttribute("Template", "No"), new XAttribute("Version", "1"));
        foreach (var (key, value) in screenplay.Extras ?? Enumerable.Empty<KeyValuePair<string, string>>())
        {
            if (key.StartsWith(FdxNames.ExtraRootAttributePrefix, StringComparison.Ordinal))
                root.SetAttributeValue(key[FdxNames.ExtraRootAttributePrefix.Length..], value);
        }

        var (revisions, revisionIds) = FdxRevisions.Write(screenplay.Elements.Select(e => e.RevisionColor).OfType<string>());
        root.Add(new FdxContentWriter(revisionIds).Write(screenplay.Elements));
        if (screenplay.TitlePage.Count > 0) root.Add(FdxTitlePage.Write(screenplay.TitlePage));
        if (revisions is not null) root.Add(revisions);
        if (screenplay.Extras?.Get(FdxNames.ExtraXml) is { } kept) root.Add(SafeXml.Fragment(kept));
        return root;
    }
}
