namespace WritersRoom.Core.Fountain;

/// <summary>Scene heading prefixes and scene numbers (<c>INT. HOUSE - DAY #1A#</c>).</summary>
internal static class SceneHeadingSyntax
{
    // The spec's list, plus EXT/INT: real scripts (Big Fish among them) use it, and no reader would take
    // "EXT/INT. SORORITY HOUSE" for anything but a heading. "INT./EXT" is covered by "INT" + '.'.
    private static readonly string[] Prefixes = ["INT/EXT", "EXT/INT", "I/E", "INT", "EXT", "EST"];

    public static bool HasPrefix(string text)
    {
        foreach (var prefix in Prefixes)
        {
            if (text.Length > prefix.Length
                && text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)
                && text[prefix.Length] is '.' or ' ')
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Splits a trailing <c>#number#</c> off a heading; the number is letters, digits, '.' and '-'.</summary>
    public static (string Text, string? SceneNumber) SplitSceneNumber(string heading)
    {
        var text = heading.Trim();
        if (text.Length < 3 || text[^1] != '#')
            return (text, null);

        var open = text.LastIndexOf('#', text.Length - 2);
        if (open < 0 || open == text.Length - 2)
            return (text, null);

        var number = text[(open + 1)..^1];
        if (!number.All(c => char.IsLetterOrDigit(c) || c is '.' or '-'))
            return (text, null);

        return (text[..open].TrimEnd(), number);
    }
}
