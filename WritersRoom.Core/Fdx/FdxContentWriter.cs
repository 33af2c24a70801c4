using System.Globalization;
using System.Xml.Linq;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fdx;

/// <summary>Elements to the paragraphs of <c>&lt;Content&gt;</c>.</summary>
internal sealed class FdxContentWriter(IReadOnlyDictionary<string, string> revisionIds)
{
    private readonly XElement _content = new("Content");
    private XElement? _last;
    private bool _newPagePending;
    private int _noteId;

    public XElement Write(IReadOnlyList<ScriptElement> elements)
    {
        for (var i = 0; i < elements.Count; i++)
        {
            var element = elements[i];
            switch (element.Type)
            {
                case ElementType.PageBreak:
                    if (_newPagePending) Append(_content, Empty());
                    _newPagePending = true;
                    continue;
                case ElementType.Note:
                    AddNote(element.Text);
                    continue;
            }

            if (element.Dual && element.Type == ElementType.Character)
            {
                i = WriteDualPair(elements, i) - 1;
                continue;
            }
            Append(_content, Paragraph(element));
        }
        if (_newPagePending) Append(_content, Empty());
        return _content;
    }

    /// <summary>Both speakers of a pair and their lines go in one DualDialogue wrapper; returns the index after them.</summary>
    private int WriteDualPair(IReadOnlyList<ScriptElement> elements, int start)
    {
        var pair = new XElement("DualDialogue");
        var speakers = 0;
        var i = start;
        for (; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.Type == ElementType.Note)
            {
                AddNote(e.Text);
                continue;
            }
            if (!e.Dual || e.Type is not (ElementType.Character or ElementType.Dialogue or ElementType.Parenthetical or ElementType.Lyric))
                break;
            if (e.Type == ElementType.Character && ++speakers > 2)
                break;
            Append(pair, Paragraph(e));
        }
        var wrapper = new XElement("Paragraph", pair);
        if (_newPagePending)
        {
            wrapper.SetAttributeValue("StartsNewPage", "Yes");
            _newPagePending = false;
        }
        _content.Add(wrapper);
        return i;
    }

    private void Append(XElement parent, XElement paragraph)
    {
        if (_newPagePending)
        {
            paragraph.SetAttributeValue("StartsNewPage", "Yes");
            _newPagePending = false;
        }
        parent.Add(paragraph);
        _last = paragraph;
    }

    private void AddNote(string text)
    {
        if (_last is null || _newPagePending)
            Append(_content, Empty());
        _noteId++;
        _last!.Add(new XElement("ScriptNote",
            new XAttribute("ID", _noteId.ToString(CultureInfo.InvariantCulture)),
            new XElement("Paragraph", FdxText.ToRuns(text, null))));
    }

    private static XElement Empty() => new("Paragraph", new XAttribute("Type", FdxNames.General), new XElement("Text", ""));

    private XElement Paragraph(ScriptElement element)
    {
        var paragraph = new XElement("Paragraph");
        var extras = element.Extras;
        // A kept Final Draft type (Shot, Cast List…) names what an action paragraph was; a paragraph since made something else is that.
        var type = (element.Type == ElementType.Action ? extras?.Get(FdxNames.ExtraType) : null) ?? element.Type switch
        {
            ElementType.SceneHeading => FdxNames.SceneHeading,
            ElementType.Character => FdxNames.Character,
            ElementType.Dialogue => FdxNames.Dialogue,
            ElementType.Parenthetical => FdxNames.Parenthetical,
            ElementType.Transition => FdxNames.Transition,
            ElementType.Lyric => FdxNames.Singing,
            ElementType.Section or ElementType.Synopsis => FdxNames.General,
            _ => FdxNames.Action,
        };
        paragraph.SetAttributeValue("Type", type);
        if (element.Type == ElementType.Centered) paragraph.SetAttributeValue("Alignment", "Center");
        if (element.Type == ElementType.SceneHeading && element.SceneNumber is { } number) paragraph.SetAttributeValue("Number", number);
        if (element.Type == ElementType.Section)
        {
            paragraph.SetAttributeValue(FdxNames.HintType, "section");
            paragraph.SetAttributeValue(FdxNames.HintLevel, (element.Level ?? 1).ToString(CultureInfo.InvariantCulture));
        }
        if (element.Type == ElementType.Synopsis) paragraph.SetAttributeValue(FdxNames.HintType, "synopsis");

        foreach (var (key, value) in extras ?? Enumerable.Empty<KeyValuePair<string, string>>())
        {
            if (key.StartsWith(FdxNames.ExtraAttributePrefix, StringComparison.Ordinal))
                paragraph.SetAttributeValue(key[FdxNames.ExtraAttributePrefix.Length..], value);
        }
        // Elements we do not model (SceneProperties, DynamicLabel…) come before the text, where Final Draft puts them.
        if (extras?.Get(FdxNames.ExtraXml) is { } kept) paragraph.Add(SafeXml.Fragment(kept));

        var text = element.Type == ElementType.Character && element.Extension is { } extension
            ? $"{element.Text} ({extension})"
            : element.Text;
        var revision = element.RevisionColor is { } colour && revisionIds.TryGetValue(colour, out var id) ? id : null;
        paragraph.Add(FdxText.ToRuns(text, revision));
        return paragraph;
    }
}
