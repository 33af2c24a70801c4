using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Fountain;

/// <summary>
/// Reads the optional title page: <c>Key: value</c> lines at the very top, values either on the key's line
/// or on following lines indented by a tab or 3+ spaces, ended by the first blank line. A first paragraph
/// with any other line in it is not a title page: a script may well open with "He shouts:" and a cue.
/// </summary>
internal static class TitlePageReader
{
    // An all-caps "KEY:" is far more often a transition or a shout ("FADE IN:") than a field, so
    // all-caps keys count only when they are well-known field names.
    private static readonly HashSet<string> KnownKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "Title", "Credit", "Author", "Authors", "Source", "Draft date", "Date", "Contact", "Copyright",
        "Notes", "Revision", "Episode", "Series",
    };

    private const int MaxKeyLength = 40;

    public static (IReadOnlyList<TitleEntry> Entries, int BodyStart) Read(string[] lines)
    {
        if (lines.Length == 0 || !TryReadKeyLine(lines[0], out _, out _))
            return ([], 0);

        var end = Array.FindIndex(lines, string.IsNullOrWhiteSpace);
        if (end < 0) end = lines.Length;

        var entries = new List<TitleEntry>();
        string? key = null;
        var values = new List<string>();
        for (var i = 0; i < end; i++)
        {
            if (TryReadKeyLine(lines[i], out var newKey, out var value))
            {
                AddEntry();
                key = newKey;
                if (value.Length > 0) values.Add(value);
            }
            else if (IsIndented(lines[i]))
            {
                values.Add(lines[i].Trim());
            }
            else
            {
                return ([], 0);
            }
        }
        AddEntry();

        // The blank line that ends the title page is not part of the body.
        return (entries, Math.Min(end + 1, lines.Length));

        void AddEntry()
        {
            if (key is null) return;
            entries.Add(new TitleEntry(key, string.Join('\n', values)));
            values.Clear();
        }
    }

    /// <summary>True if <paramref name="line"/> would open a title page; the writer uses it to avoid one by accident.</summary>
    public static bool IsKeyLine(string line) => TryReadKeyLine(line, out _, out _);

    public static bool IsValidKey(string key) =>
        key.Length is > 0 and <= MaxKeyLength
        && char.IsLetter(key[0])
        && key.All(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_')
        && (KnownKeys.Contains(key) || key.Any(char.IsLower));

    private static bool TryReadKeyLine(string line, out string key, out string value)
    {
        key = value = "";
        var colon = line.IndexOf(':');
        if (colon <= 0 || colon > MaxKeyLength)
            return false;

        var candidate = line[..colon].TrimEnd();
        if (!IsValidKey(candidate))
            return false;

        key = candidate;
        value = line[(colon + 1)..].Trim();
        return true;
    }

    private static bool IsIndented(string line) => line.StartsWith('\t') || line.StartsWith("   ", StringComparison.Ordinal);
}
