using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fountain;

/// <summary>Where a line sits, which decides the rules that apply to it.</summary>
internal enum LinePosition
{
    /// <summary>After a blank line (or a heading, section, synopsis, page break, or the start of the body).</summary>
    ParagraphStart,

    /// <summary>Inside an action, centered or lyric paragraph.</summary>
    Continuation,

    /// <summary>After a character cue, until the next blank line.</summary>
    Dialogue,
}

/// <summary>What one line is, before it is merged with its neighbours into elements.</summary>
internal readonly record struct LineReading(ElementType Type, string Text)
{
    public string? SceneNumber { get; init; }
    public string? Extension { get; init; }
    public bool DualMarker { get; init; }
    public int Level { get; init; }
}

/// <summary>
/// Decides the element type of a single line. Shared by the parser and the writer, so that the writer can
/// ask "would this text read back as itself?" and force the element only when the answer is no.
/// </summary>
internal static class LineClassifier
{
    /// <param name="line">A non-blank line without notes and trailing whitespace; leading whitespace is kept for action.</param>
    /// <param name="position">Where the line sits.</param>
    /// <param name="nextIsBlank">Whether the next line with content is blank (or the end of the text).</param>
    public static LineReading Classify(string line, LinePosition position, bool nextIsBlank) => position switch
    {
        LinePosition.Dialogue => ClassifyInDialogue(line.Trim()),
        LinePosition.ParagraphStart => ClassifyMarked(line) ?? ClassifyParagraphStart(line, nextIsBlank),
        _ => ClassifyMarked(line) ?? new LineReading(ElementType.Action, line),
    };

    private static LineReading ClassifyInDialogue(string text)
    {
        if (text.Length >= 2 && text[0] == '(' && text[^1] == ')')
            return new LineReading(ElementType.Parenthetical, text);
        if (text[0] == '~')
            return new LineReading(ElementType.Lyric, text[1..]);
        return new LineReading(ElementType.Dialogue, text);
    }

    // Markers that work wherever a line sits outside dialogue: they are unambiguous on their own line.
    private static LineReading? ClassifyMarked(string line)
    {
        var text = line.TrimStart();
        switch (text[0])
        {
            case '!':
                return new LineReading(ElementType.Action, text[1..]);
            case '~':
                return new LineReading(ElementType.Lyric, text[1..]);
            case '>' when text.Length >= 2 && text[^1] == '<':
                return new LineReading(ElementType.Centered, text[1..^1].Trim());
            case '#':
                var level = text.Length - text.TrimStart('#').Length;
                return new LineReading(ElementType.Section, text[level..].Trim()) { Level = level };
            case '=' when text.Length >= 3 && text.All(c => c == '='):
                return new LineReading(ElementType.PageBreak, "");
            case '=':
                return new LineReading(ElementType.Synopsis, text[1..].Trim());
            default:
                return null;
        }
    }

    private static LineReading ClassifyParagraphStart(string line, bool nextIsBlank)
    {
        var text = line.Trim();
        switch (text[0])
        {
            case '@':
                return Character(text[1..], forced: true)!.Value;
            case '>':
                return new LineReading(ElementType.Transition, text[1..].Trim());
            case '.' when text.Length > 1 && text[1] != '.':
                return SceneHeading(text[1..]);
        }

        if (SceneHeadingSyntax.HasPrefix(text))
            return SceneHeading(text);

        // A cue needs its dialogue on the next line; a transition needs air on both sides.
        if (!nextIsBlank && Character(text, forced: false) is { } cue)
            return cue;
        if (nextIsBlank && text.EndsWith("TO:", StringComparison.Ordinal) && CharacterCue.IsUpperCase(text))
            return new LineReading(ElementType.Transition, text);

        return new LineReading(ElementType.Action, line);
    }

    private static LineReading SceneHeading(string text)
    {
        var (heading, number) = SceneHeadingSyntax.SplitSceneNumber(text);
        return new LineReading(ElementType.SceneHeading, heading) { SceneNumber = number };
    }

    private static LineReading? Character(string text, bool forced) =>
        CharacterCue.TryParse(text, forced, out var cue)
            ? new LineReading(ElementType.Character, cue.Name) { Extension = cue.Extension, DualMarker = cue.DualMarker }
            : null;
}
