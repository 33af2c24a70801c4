using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fountain;

/// <summary>
/// Things in Fountain text that parse, but probably not as the writer meant: shown with their line numbers
/// in the import preview so they can be fixed before anything is saved.
/// </summary>
public static class FountainWarnings
{
    public static IEnumerable<ImportWarning> Scan(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var body = text.Replace("\r\n", "\n").Replace('\r', '\n');
        var lines = body.Split('\n');

        var offset = 0;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            var open = line.IndexOf("/*", StringComparison.Ordinal);
            if (open >= 0 && body.IndexOf("*/", offset + open + 2, StringComparison.Ordinal) < 0)
                yield return new ImportWarning(i + 1, "A boneyard (/*) opens here and never closes, so the text after it stays in the script.");

            var note = line.IndexOf("[[", StringComparison.Ordinal);
            if (note >= 0 && !NoteCloses(body, offset + note + 2))
                yield return new ImportWarning(i + 1, "A note ([[) opens here and does not close before a blank line, so it is kept as text.");

            if (line.Any(c => char.IsControl(c) && c != '\t'))
                yield return new ImportWarning(i + 1, "This line holds control characters; they are kept but will not print.");

            offset += line.Length + 1;
        }
    }

    private static bool NoteCloses(string body, int from)
    {
        for (var i = from; i + 1 < body.Length; i++)
        {
            if (body[i] == ']' && body[i + 1] == ']') return true;
            if (body[i] == '\n' && body[i + 1] == '\n') return false;
        }
        return false;
    }
}
