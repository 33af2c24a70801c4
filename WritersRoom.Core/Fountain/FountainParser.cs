using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fountain;

/// <summary>
/// Reads Fountain 1.1 text (https://fountain.io/syntax) into a <see cref="ParsedScreenplay"/>.
/// The work is done in passes, each in its own file: line endings and BOM, boneyard, title page,
/// notes, then a line-by-line state machine over the body.
/// </summary>
/// <remarks>
/// Choices the spec leaves open:
/// <list type="bullet">
/// <item>A note inside other text is cut out of it and becomes a Note element right after that element;
/// a note on a line of its own is a Note element in place and does not end a speech.</item>
/// <item>Several character extensions are kept as one string, <c>V.O.) (CONT'D</c> (see <see cref="CharacterCue"/>).</item>
/// <item>Both speakers of a dual-dialogue pair, and their lines, are marked dual.</item>
/// <item>Consecutive action, dialogue, centered or lyric lines form one element joined by '\n'; blank lines
/// separate elements. Leading whitespace is kept in action only; trailing whitespace is dropped.</item>
/// <item>A scene heading needs a blank line before it but not after it; EXT/INT counts as a prefix.</item>
/// </list>
/// </remarks>
public static class FountainParser
{
    public static ParsedScreenplay Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);

        var normalized = Boneyard.Strip(NormalizeLineEndings(text));
        var lines = normalized.Split('\n');
        var (titlePage, bodyStart) = TitlePageReader.Read(lines);

        // Notes are cut out of the body as a whole because they may span lines.
        var body = string.Join('\n', lines, bodyStart, lines.Length - bodyStart);
        var bodyLines = InlineNotes.Extract(body);

        return new ParsedScreenplay(titlePage, BodyParser.Parse(bodyLines));
    }

    private static string NormalizeLineEndings(string text)
    {
        if (text.Length > 0 && text[0] == '\uFEFF')
            text = text[1..];
        // Scripts pass through Windows, old Mac and Unix editors; one file may mix all three.
        return text.Contains('\r') ? text.Replace("\r\n", "\n").Replace('\r', '\n') : text;
    }
}
