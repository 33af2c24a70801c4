using System.Globalization;
using System.Xml.Linq;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fdx;

/// <summary>Turns the paragraphs of <c>&lt;Content&gt;</c> into elements, one paragraph at a time.</summary>
internal sealed class FdxContentReader(IReadOnlyDictionary<string, string> revisionColours, List<ImportWarning> warnings)
{
    private static readonly HashSet<string> KnownAttributes = new(StringComparer.Ordinal)
    {
        "Type", "StartsNewPage", FdxNames.HintType, FdxNames.HintLevel,
    };

    private static readonly HashSet<string> KnownChildren = new(StringComparer.Ordinal) { "Text", "DualDialogue", "ScriptNote" };

    private readonly List<ScriptElement> _elements = [];
    private readonly HashSet<string> _warnedTypes = new(StringComparer.Ordinal);

    public void Add(XElement paragraph, bool dual)
    {
        if ((string?)paragraph.Attribute("StartsNewPage") == "Yes")
            _elements.Add(new ScriptElement(ElementType.PageBreak, ""));

        // Final Draft wraps both speakers of dual dialogue in <Paragraph><DualDialogue>…</DualDialogue></Paragraph>.
        if (paragraph.Element("DualDialogue") is { } pair)
        {
            foreach (var inner in pair.Elements("Paragraph"))
                Add(inner, dual: true);
            return;
        }

        var type = (string?)paragraph.Attribute("Type") ?? FdxNames.General;
        var text = FdxText.FromRuns(paragraph.Elements("Text"));
        var element = Map(paragraph, type, text.Text, dual);
        if (element is not null)
        {
            _elements.Add(element with
            {
                RevisionColor = Colour(text.RevisionIds),
                Extras = Extras(paragraph, element, type),
            });
        }

        foreach (var note in paragraph.Elements("ScriptNote"))
        {
            var noteText = string.Join('\n', note.Descendants("Paragraph").Select(p => FdxText.FromRuns(p.Elements("Text")).Text));
            if (noteText.Trim().Length == 0) noteText = FdxText.FromRuns(note.Elements("Text")).Text;
            if (noteText.Trim().Length > 0) _elements.Add(new ScriptElement(ElementType.Note, noteText.Trim()));
        }
    }

    /// <summary>
    /// Final Draft keeps each line of a speech as its own Dialogue paragraph when the writer pressed return;
    /// Fountain (and our editor) make one element of consecutive lines. Plain consecutive dialogue is joined.
    /// </summary>
    public List<ScriptElement> Finish()
    {
        var result = new List<ScriptElement>(_elements.Count);
        // Lines of one speech are gathered and joined once: joining them one by one copied the speech so far for every
        // line, quadratic on a file of many dialogue paragraphs.
        var speech = new List<string>();
        foreach (var element in _elements)
        {
            if (speech.Count > 0 && result[^1] is var previous && element is { Type: ElementType.Dialogue, Extras: null }
                && previous.Dual == element.Dual && previous.RevisionColor == element.RevisionColor)
            {
                speech.Add(element.Text);
                continue;
            }
            Join(result, speech);
            result.Add(element);
            if (element is { Type: ElementType.Dialogue, Extras: null }) speech.Add(element.Text);
        }
        Join(result, speech);
        return result;

        static void Join(List<ScriptElement> result, List<string> speech)
        {
            if (speech.Count > 1) result[^1] = result[^1] with { Text = string.Join('\n', speech) };
            speech.Clear();
        }
    }

    private ScriptElement? Map(XElement paragraph, string type, string text, bool dual)
    {
        var hint = (string?)paragraph.Attribute(FdxNames.HintType);
        if (text.Trim().Length == 0 && type != FdxNames.SceneHeading)
            return null; // Empty paragraphs are spacing in Final Draft; our layout spaces elements itself.

        switch (hint)
        {
            case "section":
                var level = int.TryParse((string?)paragraph.Attribute(FdxNames.HintLevel), NumberStyles.Integer, CultureInfo.InvariantCulture, out var l) ? l : 1;
                return new ScriptElement(ElementType.Section, text.Trim()) { Level = Math.Clamp(level, 1, 6) };
            case "synopsis":
                return new ScriptElement(ElementType.Synopsis, text.Trim());
        }

        switch (type)
        {
            case FdxNames.SceneHeading:
                var number = ((string?)paragraph.Attribute("Number"))?.Trim();
                return new ScriptElement(ElementType.SceneHeading, text.Trim()) { SceneNumber = string.IsNullOrEmpty(number) ? null : number };
            case FdxNames.Action when (string?)paragraph.Attribute("Alignment") == "Center":
                return new ScriptElement(ElementType.Centered, text.Trim());
            case FdxNames.Action:
                return new ScriptElement(ElementType.Action, text);
            case FdxNames.Character:
                return Character(text, dual);
            case FdxNames.Dialogue:
                return new ScriptElement(ElementType.Dialogue, text.Trim()) { Dual = dual };
            case FdxNames.Parenthetical:
                return new ScriptElement(ElementType.Parenthetical, text.Trim()) { Dual = dual };
            case FdxNames.Transition:
                return new ScriptElement(ElementType.Transition, text.Trim());
            case FdxNames.Singing:
                return new ScriptElement(ElementType.Lyric, text.Trim());
            default:
                if (type != FdxNames.General && _warnedTypes.Add(type))
                    warnings.Add(new ImportWarning(FdxReader.LineOf(paragraph), $"Paragraph type '{type}' has no equivalent here; imported as action (Final Draft export keeps the type)."));
                return new ScriptElement(ElementType.Action, text);
        }
    }

    private static ScriptElement Character(string text, bool dual)
    {
        var cue = text.Trim();
        return CharacterCue.TryParse(cue, forced: true, out var parsed)
            ? new ScriptElement(ElementType.Character, parsed.Name) { Extension = parsed.Extension, Dual = dual }
            : new ScriptElement(ElementType.Character, cue) { Dual = dual };
    }

    private string? Colour(IReadOnlyList<string> revisionIds)
    {
        // A paragraph touched by several sets is marked with the latest of them.
        return revisionIds
            .Select(id => revisionColours.TryGetValue(id, out var colour) ? colour : $"Revision {id}")
            .OrderByDescending(RevisionColors.Rank)
            .FirstOrDefault();
    }

    private static FormatExtras? Extras(XElement paragraph, ScriptElement element, string type)
    {
        var values = new List<KeyValuePair<string, string>>();
        var consumedAlignment = element.Type == ElementType.Centered;
        var consumedNumber = element.Type == ElementType.SceneHeading;
        foreach (var attribute in paragraph.Attributes())
        {
            var name = attribute.Name.LocalName;
            if (KnownAttributes.Contains(name) || name == "Alignment" && consumedAlignment || name == "Number" && consumedNumber)
                continue;
            values.Add(KeyValuePair.Create(FdxNames.ExtraAttributePrefix + name, attribute.Value));
        }

        if (element.Type == ElementType.Action && type != FdxNames.Action && (string?)paragraph.Attribute(FdxNames.HintType) is null)
            values.Add(KeyValuePair.Create(FdxNames.ExtraType, type));

        var unknown = paragraph.Elements().Where(e => !KnownChildren.Contains(e.Name.LocalName)).ToList();
        if (unknown.Count > 0)
            values.Add(KeyValuePair.Create(FdxNames.ExtraXml, string.Concat(unknown.Select(e => e.ToString(SaveOptions.DisableFormatting)))));
        return FormatExtras.From(values);
    }
}
