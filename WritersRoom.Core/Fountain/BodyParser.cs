using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fountain;

/// <summary>
/// Turns body lines into elements. Lines are classified one at a time (<see cref="LineClassifier"/>);
/// this class keeps the state between them: where a paragraph starts, whether we are inside a dialogue
/// block, and which consecutive lines merge into one element (action, dialogue, centered, lyric).
/// </summary>
internal sealed class BodyParser
{
    private readonly List<BodyLine> _lines;
    private readonly List<ScriptElement> _elements = [];

    // The element being built: its lines are joined with '\n' when it is flushed.
    private LineReading? _pending;
    private readonly List<string> _pendingLines = [];
    private readonly List<string> _pendingNotes = [];

    private LinePosition _position = LinePosition.ParagraphStart;
    private bool _dualBlock;

    private BodyParser(List<BodyLine> lines) => _lines = lines;

    public static List<ScriptElement> Parse(List<BodyLine> lines)
    {
        var parser = new BodyParser(lines);
        parser.Run();
        return parser._elements;
    }

    private void Run()
    {
        for (var i = 0; i < _lines.Count; i++)
        {
            var line = _lines[i];
            if (line.IsNoteOnly)
            {
                // A note on its own line ends the element before it but leaves the block as it was, so
                // dialogue can go on after a note about it.
                Flush();
                foreach (var note in line.Notes)
                    _elements.Add(new ScriptElement(ElementType.Note, note));
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Text))
            {
                OnBlankLine(line.Text);
                continue;
            }

            var text = line.Text.TrimEnd();
            var reading = LineClassifier.Classify(text, _position, NextContentIsBlank(i));
            Accept(reading);
            _pendingNotes.AddRange(line.Notes);
        }
        Flush();
    }

    private void OnBlankLine(string text)
    {
        // The spec's way to keep an empty line inside dialogue: a line of two (or more) spaces.
        if (_position == LinePosition.Dialogue && text.Length >= 2 && text.All(c => c == ' '))
        {
            if (_pending?.Type == ElementType.Dialogue)
                _pendingLines.Add("");
            return;
        }

        Flush();
        _position = LinePosition.ParagraphStart;
        _dualBlock = false;
    }

    private void Accept(LineReading reading)
    {
        if (_pending is { } pending && pending.Type == reading.Type && IsMergeable(reading.Type))
        {
            _pendingLines.Add(reading.Text);
            return;
        }

        Flush();
        switch (reading.Type)
        {
            case ElementType.Character:
                _elements.Add(StartDialogueBlock(reading));
                _position = LinePosition.Dialogue;
                return;

            case ElementType.SceneHeading:
                _elements.Add(new ScriptElement(ElementType.SceneHeading, reading.Text) { SceneNumber = reading.SceneNumber });
                break;
            case ElementType.Section:
                _elements.Add(new ScriptElement(ElementType.Section, reading.Text) { Level = reading.Level });
                break;
            case ElementType.Synopsis or ElementType.PageBreak or ElementType.Transition:
                _elements.Add(new ScriptElement(reading.Type, reading.Text));
                break;

            case ElementType.Parenthetical:
                _elements.Add(new ScriptElement(ElementType.Parenthetical, reading.Text) { Dual = _dualBlock });
                return;

            default:
                // Action, dialogue, centered and lyric lines may be followed by more of their kind.
                _pending = reading;
                _pendingLines.Add(reading.Text);
                if (_position == LinePosition.ParagraphStart)
                    _position = LinePosition.Continuation;
                return;
        }

        // Headings, sections, synopses, page breaks and transitions stand alone: what follows them starts
        // afresh, as if after a blank line (real scripts often omit the blank line after a heading).
        _position = LinePosition.ParagraphStart;
    }

    private static bool IsMergeable(ElementType type) =>
        type is ElementType.Action or ElementType.Dialogue or ElementType.Centered or ElementType.Lyric;

    private ScriptElement StartDialogueBlock(LineReading cue)
    {
        _dualBlock = cue.DualMarker && MarkPreviousSpeakerDual();
        return new ScriptElement(ElementType.Character, cue.Text) { Extension = cue.Extension, Dual = _dualBlock };
    }

    /// <summary>
    /// A caret on a cue pairs it with the speaker just before: both speakers and their lines become dual, as
    /// in Final Draft. The caret counts only right after another, unpaired, dialogue block; elsewhere it is
    /// dropped, which keeps Parse(Write(x)) equal to x.
    /// </summary>
    private bool MarkPreviousSpeakerDual()
    {
        var i = _elements.Count - 1;
        while (i >= 0 && _elements[i].Type is ElementType.Dialogue or ElementType.Parenthetical or ElementType.Lyric or ElementType.Note)
            i--;
        if (i < 0 || _elements[i].Type != ElementType.Character || _elements[i].Dual)
            return false;

        for (var j = i; j < _elements.Count; j++)
        {
            if (_elements[j].Type is ElementType.Character or ElementType.Dialogue or ElementType.Parenthetical)
                _elements[j] = _elements[j] with { Dual = true };
        }
        return true;
    }

    private void Flush()
    {
        if (_pending is { } pending)
        {
            if (pending.Type == ElementType.Dialogue)
            {
                // A two-space line at the end of a speech keeps nothing.
                while (_pendingLines.Count > 1 && _pendingLines[^1].Length == 0)
                    _pendingLines.RemoveAt(_pendingLines.Count - 1);
            }

            _elements.Add(new ScriptElement(pending.Type, string.Join('\n', _pendingLines))
            {
                Dual = pending.Type == ElementType.Dialogue && _dualBlock,
            });
            _pending = null;
            _pendingLines.Clear();
        }

        // Notes cut from inside an element follow it.
        foreach (var note in _pendingNotes)
            _elements.Add(new ScriptElement(ElementType.Note, note));
        _pendingNotes.Clear();
    }

    private bool NextContentIsBlank(int index)
    {
        for (var i = index + 1; i < _lines.Count; i++)
        {
            if (_lines[i].IsNoteOnly)
                continue;
            return string.IsNullOrWhiteSpace(_lines[i].Text);
        }
        return true;
    }
}
