using System.Text;
using System.Xml;
using System.Xml.Linq;

namespace WritersRoom.Core.Fdx;

/// <summary>
/// Loads untrusted XML: no DTDs (so no entity expansion: "billion laughs" fails at once), no external
/// resources, a size cap checked before parsing, and a depth cap so that later walks cannot be driven deep.
/// </summary>
internal static class SafeXml
{
    public const int MaxBytes = 10 * 1024 * 1024;

    // A file that declares a legacy encoding (windows-1252, macintosh…) is read rather than refused: .NET knows only
    // the UTF encodings and ISO Latin-1 until the code pages are registered (once, for the process).
    static SafeXml() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);
    public const int MaxDepth = 64;

    private static XmlReaderSettings Settings(ConformanceLevel level) => new()
    {
        DtdProcessing = DtdProcessing.Prohibit,
        XmlResolver = null,
        MaxCharactersInDocument = MaxBytes,
        MaxCharactersFromEntities = 0,
        IgnoreProcessingInstructions = true,
        IgnoreComments = true,
        ConformanceLevel = level,
    };

    public static XDocument Load(ReadOnlyMemory<byte> bytes)
    {
        if (bytes.Length > MaxBytes)
            throw new FdxFormatException($"The file is larger than the {MaxBytes / (1024 * 1024)} MB limit for Final Draft files.");

        try
        {
            // First pass checks depth without building anything; the second builds the tree.
            using (var reader = XmlReader.Create(new MemoryStream(bytes.ToArray(), writable: false), Settings(ConformanceLevel.Document)))
            {
                while (reader.Read())
                {
                    if (reader.Depth > MaxDepth)
                        throw new FdxFormatException($"The XML is nested more than {MaxDepth} levels deep; Final Draft files never are.");
                }
            }

            using var load = XmlReader.Create(new MemoryStream(bytes.ToArray(), writable: false), Settings(ConformanceLevel.Document));
            return XDocument.Load(load, LoadOptions.SetLineInfo | LoadOptions.PreserveWhitespace);
        }
        catch (XmlException e) when (e.Message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            throw new FdxFormatException("The file declares a DTD (entities); Final Draft files do not, and it is refused for safety.", e);
        }
        catch (XmlException e)
        {
            throw new FdxFormatException($"The file is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}): {e.Message}", e);
        }
    }

    /// <summary>Parses XML kept from an earlier import (an element we wrote back verbatim) as a list of elements.</summary>
    public static IEnumerable<XElement> Fragment(string xml)
    {
        using var reader = XmlReader.Create(new StringReader(xml), Settings(ConformanceLevel.Fragment));
        var elements = new List<XElement>();
        reader.MoveToContent();
        while (!reader.EOF)
        {
            if (reader.NodeType == XmlNodeType.Element)
                elements.Add((XElement)XNode.ReadFrom(reader));
            else
                reader.Read();
        }
        return elements;
    }
}
