namespace WritersRoom.Core.Fountain;

/// <summary>
/// A character cue split into name, extension and the dual-dialogue caret: <c>BOB (V.O.) ^</c>.
/// Several parenthesised extensions keep their boundaries as <c>") ("</c>, so <c>EDWARD (V.O.)(CONT'D)</c>
/// gives the extension <c>V.O.) (CONT'D</c>: a renderer that writes <c>NAME (extension)</c> shows
/// <c>EDWARD (V.O.) (CONT'D)</c>, and the writer round-trips it unchanged.
/// </summary>
internal readonly record struct CharacterCue(string Name, string? Extension, bool DualMarker)
{
    public const string ExtensionSeparator = ") (";

    /// <summary>
    /// Reads a cue from a trimmed line (without the <c>@</c>). A cue that is not forced must be upper case
    /// (at least one upper-case letter, no lower-case one) outside its extensions, which may be lower case.
    /// </summary>
    public static bool TryParse(string text, bool forced, out CharacterCue cue)
    {
        cue = default;
        var s = text.Trim();
        var dual = false;
        if (s.EndsWith('^'))
        {
            dual = true;
            s = s[..^1].TrimEnd();
        }

        var name = s;
        string? extension = null;
        var paren = s.IndexOf('(');
        if (paren > 0 && TryReadExtensions(s.AsSpan(paren), out var parsed))
        {
            name = s[..paren].TrimEnd();
            extension = parsed;
        }

        if (!forced && !IsUpperCase(name))
            return false;

        cue = new CharacterCue(name, extension, dual);
        return true;
    }

    /// <summary>Fountain's test for cue and transition lines: some upper-case letter and no lower-case one.</summary>
    public static bool IsUpperCase(string text)
    {
        var hasUpper = false;
        foreach (var c in text)
        {
            if (char.IsLower(c)) return false;
            if (char.IsUpper(c)) hasUpper = true;
        }
        return hasUpper;
    }

    // Accepts only a run of "(...)" groups; anything else after the name ("BOB (V.O.) SR") means the
    // parentheses belong to the name, and the whole line stays the name.
    private static bool TryReadExtensions(ReadOnlySpan<char> rest, out string extension)
    {
        extension = "";
        var parts = new List<string>();
        var i = 0;
        while (true)
        {
            while (i < rest.Length && char.IsWhiteSpace(rest[i])) i++;
            if (i == rest.Length) break;
            if (rest[i] != '(') return false;

            var close = rest[(i + 1)..].IndexOf(')');
            if (close < 0) return false;
            var inner = rest.Slice(i + 1, close);
            if (inner.Contains('(')) return false;

            parts.Add(inner.Trim().ToString());
            i += close + 2;
        }

        extension = string.Join(ExtensionSeparator, parts);
        return parts.Count > 0;
    }
}
