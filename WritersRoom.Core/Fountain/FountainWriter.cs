using System.Text;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fountain;

/// <summary>
/// Writes a <see cref="ParsedScreenplay"/> as Fountain such that <see cref="FountainParser.Parse"/> reads back
/// the same title page and elements. Elements are written plainly where the plain form reads back as
/// itself, and forced (<c>!</c>, <c>@</c>, <c>.</c>, <c>&gt;</c>) only where it would not.
/// </summary>
public static class FountainWriter
{
    public static string Write(ParsedScreenplay screenplay)
    {
        ArgumentNullException.ThrowIfNull(screenplay);

        var output = new StringBuilder();
        WriteTitlePage(screenplay.TitlePage, output);

        var body = new StringBuilder();
        new BodyWriter(screenplay.Elements, body).Write();

        // Without a title page, a first line such as "Note: bring snacks" would be read as one.
        if (screenplay.TitlePage.Count == 0 && TitlePageReader.IsKeyLine(FirstLine(body)))
            output.Append('\n');

        output.Append(body);
        if (output.Length > 0 && output[^1] != '\n')
            output.Append('\n');
        return output.ToString();
    }

    private static void WriteTitlePage(IReadOnlyList<TitleEntry> titlePage, StringBuilder output)
    {
        if (titlePage.Count == 0)
            return;

        foreach (var entry in titlePage)
        {
            if (!entry.Value.Contains('\n'))
            {
                output.Append(entry.Key).Append(':');
                if (entry.Value.Length > 0) output.Append(' ').Append(entry.Value);
                output.Append('\n');
                continue;
            }

            output.Append(entry.Key).Append(":\n");
            foreach (var line in entry.Value.Split('\n'))
                output.Append("    ").Append(line).Append('\n');
        }
        output.Append('\n'); // the blank line that ends the title page
    }

    private static string FirstLine(StringBuilder body)
    {
        var line = new StringBuilder();
        for (var i = 0; i < body.Length && body[i] != '\n'; i++)
            line.Append(body[i]);
        return line.ToString();
    }

    private sealed class BodyWriter(IReadOnlyList<ScriptElement> elements, StringBuilder output)
    {
        private bool _inDialogueBlock;
        private bool _dualSpeakerAwaitsPartner;

        public void Write()
        {
            for (var i = 0; i < elements.Count; i++)
            {
                var element = elements[i];
                // Notes sit on the line after what they annotate: a note-only line is transparent to the
                // parser, so this keeps dialogue together and adds no paragraph breaks.
                var attach = i > 0 && (element.Type == ElementType.Note
                    || _inDialogueBlock && element.Type is ElementType.Dialogue or ElementType.Parenthetical or ElementType.Lyric);
                if (i > 0)
                    output.Append(attach ? "\n" : "\n\n");

                WriteElement(element, i);
                Track(element);
            }
        }

        private void Track(ScriptElement element)
        {
            switch (element.Type)
            {
                case ElementType.Character:
                    _inDialogueBlock = true;
                    break;
                case ElementType.Dialogue or ElementType.Parenthetical or ElementType.Lyric or ElementType.Note:
                    break;
                default:
                    _inDialogueBlock = false;
                    _dualSpeakerAwaitsPartner = false;
                    break;
            }
        }

        private void WriteElement(ScriptElement element, int index)
        {
            switch (element.Type)
            {
                case ElementType.SceneHeading:
                    WriteSceneHeading(element);
                    break;
                case ElementType.Action:
                    WriteAction(element.Text);
                    break;
                case ElementType.Character:
                    WriteCharacter(element, index);
                    break;
                case ElementType.Dialogue:
                    WriteLines(element.Text.Split('\n').Select(l => l.Length == 0 ? "  " : l));
                    break;
                case ElementType.Parenthetical:
                    output.Append(element.Text);
                    break;
                case ElementType.Transition:
                    var plain = LineClassifier.Classify(element.Text, LinePosition.ParagraphStart, nextIsBlank: true);
                    output.Append(plain.Type == ElementType.Transition && plain.Text == element.Text ? "" : "> ").Append(element.Text);
                    break;
                case ElementType.Centered:
                    WriteLines(element.Text.Split('\n').Select(l => $"> {l} <"));
                    break;
                case ElementType.Lyric:
                    WriteLines(element.Text.Split('\n').Select(l => "~" + l));
                    break;
                case ElementType.Section:
                    output.Append('#', Math.Max(element.Level ?? 1, 1)).Append(' ').Append(element.Text);
                    break;
                case ElementType.Synopsis:
                    output.Append("= ").Append(element.Text);
                    break;
                case ElementType.PageBreak:
                    output.Append("===");
                    break;
                case ElementType.Note:
                    // An empty line would end the note; the spec connects its paragraphs with two spaces.
                    output.Append("[[").AppendJoin('\n', element.Text.Split('\n').Select(l => l.Length == 0 ? "  " : l)).Append("]]");
                    break;
                default:
                    throw new ArgumentOutOfRangeException(nameof(element), element.Type, "Unknown element type.");
            }
        }

        private void WriteSceneHeading(ScriptElement element)
        {
            var line = element.SceneNumber is null ? element.Text : $"{element.Text} #{element.SceneNumber}#";
            var plain = LineClassifier.Classify(line, LinePosition.ParagraphStart, nextIsBlank: true);
            var readsBack = plain.Type == ElementType.SceneHeading && plain.Text == element.Text && plain.SceneNumber == element.SceneNumber;
            output.Append(readsBack ? "" : ".").Append(line);
        }

        private void WriteAction(string text)
        {
            var lines = text.Split('\n');
            for (var k = 0; k < lines.Length; k++)
            {
                var line = lines[k];
                var position = k == 0 ? LinePosition.ParagraphStart : LinePosition.Continuation;
                var readsBack = !string.IsNullOrWhiteSpace(line)
                    && LineClassifier.Classify(line, position, nextIsBlank: k == lines.Length - 1) is { Type: ElementType.Action } reading
                    && reading.Text == line;
                if (k > 0) output.Append('\n');
                output.Append(readsBack ? "" : "!").Append(line);
            }
        }

        private void WriteCharacter(ScriptElement element, int index)
        {
            // The first speaker of a dual pair is written plainly; the caret on the second pairs them.
            var caret = false;
            if (element.Dual)
            {
                caret = _dualSpeakerAwaitsPartner;
                _dualSpeakerAwaitsPartner = !caret;
            }
            else
            {
                _dualSpeakerAwaitsPartner = false;
            }

            var cue = element.Extension is null ? element.Text : $"{element.Text} ({element.Extension})";
            if (caret) cue += " ^";

            var plain = LineClassifier.Classify(cue, LinePosition.ParagraphStart, nextIsBlank: !HasSpeechAfter(index));
            var readsBack = plain.Type == ElementType.Character && plain.Text == element.Text
                && plain.Extension == element.Extension && plain.DualMarker == caret;
            output.Append(readsBack ? "" : "@").Append(cue);
        }

        private bool HasSpeechAfter(int index)
        {
            for (var i = index + 1; i < elements.Count; i++)
            {
                if (elements[i].Type == ElementType.Note) continue;
                return elements[i].Type is ElementType.Dialogue or ElementType.Parenthetical or ElementType.Lyric;
            }
            return false;
        }

        private void WriteLines(IEnumerable<string> lines) => output.AppendJoin('\n', lines);
    }
}
