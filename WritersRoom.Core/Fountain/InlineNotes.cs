using System.Globalization;
using System.Text;

namespace WritersRoom.Core.Fountain;

/// <summary>One body line with its <c>[[notes]]</c> taken out.</summary>
internal readonly record struct BodyLine(string Text, IReadOnlyList<string> Notes)
{
    /// <summary>A line that held nothing but notes: it must not count as blank, nor as content.</summary>
    public bool IsNoteOnly => Notes.Count > 0 && string.IsNullOrWhiteSpace(Text);
}

/// <summary>
/// Cuts <c>[[notes]]</c> out of the body before lines are classified, so that a note never changes what the
/// text around it is (a character cue with a note after it is still a cue). A note may span lines, but not
/// a truly empty line: writers connect paragraphs inside a note with a line of spaces, as the spec says.
/// </summary>
internal static class InlineNotes
{
    // Private-use characters stand in for notes while the text is split into lines: a multi-line note then
    // sits on the one line where it started, and no real script text contains them.
    private const char MarkerStart = '\uE000';
    private const char MarkerEnd = '\uE001';

    public static List<BodyLine> Extract(string body)
    {
        var notes = new List<string>();
        var marked = body.Contains("[[", StringComparison.Ordinal) ? ReplaceNotesWithMarkers(body, notes) : body;

        var result = new List<BodyLine>();
        foreach (var line in marked.Split('\n'))
        {
            result.Add(line.Contains(MarkerStart) ? TakeNotes(line, notes) : new BodyLine(line, []));
        }
        return result;
    }

    private static string ReplaceNotesWithMarkers(string body, List<string> notes)
    {
        var result = new StringBuilder(body.Length);
        var copiedUpTo = 0;
        var open = body.IndexOf("[[", StringComparison.Ordinal);
        while (open >= 0)
        {
            var (stop, closes) = FindNoteEnd(body, open + 2);
            if (!closes)
            {
                // Not a note (an empty line or another "[[" comes before "]]"): "[[" stays text.
                open = stop < 0 ? -1 : body.IndexOf("[[", stop, StringComparison.Ordinal);
                continue;
            }

            result.Append(body, copiedUpTo, open - copiedUpTo);
            result.Append(MarkerStart).Append(notes.Count.ToString(CultureInfo.InvariantCulture)).Append(MarkerEnd);
            notes.Add(CleanNoteText(body[(open + 2)..stop]));
            copiedUpTo = stop + 2;
            open = body.IndexOf("[[", copiedUpTo, StringComparison.Ordinal);
        }

        result.Append(body, copiedUpTo, body.Length - copiedUpTo);
        return result.ToString();
    }

    // Scans once to whichever comes first, so text full of stray brackets stays linear to read.
    private static (int Index, bool Closes) FindNoteEnd(string body, int from)
    {
        for (var i = from; i + 1 < body.Length; i++)
        {
            var pair = (body[i], body[i + 1]);
            if (pair == (']', ']')) return (i, true);
            if (pair is ('\n', '\n') or ('[', '[')) return (i, false);
        }
        return (-1, false);
    }

    private static string CleanNoteText(string content) =>
        string.Join('\n', content.Split('\n').Select(l => l.Trim())).Trim();

    private static BodyLine TakeNotes(string line, List<string> notes)
    {
        var found = new List<string>();
        // Built in one pass: cutting each note out of the line as a new string was quadratic on a line of many notes.
        var text = new StringBuilder(line.Length);
        var lastIsSpace = true; // nothing yet reads like a space before the first note
        var i = 0;
        while (i < line.Length)
        {
            var start = line.IndexOf(MarkerStart, i);
            var end = start < 0 ? -1 : line.IndexOf(MarkerEnd, start);
            if (end < 0)
                break;

            text.Append(line, i, start - i);
            if (start > i) lastIsSpace = char.IsWhiteSpace(line[start - 1]);
            found.Add(notes[int.Parse(line.AsSpan(start + 1, end - start - 1), CultureInfo.InvariantCulture)]);
            i = end + 1;
            // "He sits. [[note]] He waits." must read "He sits. He waits.", not with a double space.
            if (lastIsSpace)
                while (i < line.Length && line[i] is ' ' or '\t') i++;
        }
        text.Append(line, i, line.Length - i);

        return new BodyLine(text.ToString(), found);
    }
}
