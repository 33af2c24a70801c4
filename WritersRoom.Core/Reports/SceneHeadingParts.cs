namespace WritersRoom.Core.Reports;

/// <summary>A heading split the way breakdowns read it: "INT. WILL'S BEDROOM - NIGHT (1973)" is INT, WILL'S BEDROOM, NIGHT (1973).</summary>
public sealed record SceneHeadingParts(string IntExt, string Location, string TimeOfDay)
{
    // Longest first, so "INT./EXT." is not read as "INT." followed by "/EXT.".
    private static readonly (string Prefix, string Normalized)[] Prefixes =
    [
        ("INT./EXT.", "INT/EXT"), ("EXT./INT.", "EXT/INT"), ("INT/EXT", "INT/EXT"), ("EXT/INT", "EXT/INT"),
        ("I/E", "INT/EXT"), ("INT.", "INT"), ("EXT.", "EXT"), ("EST.", "EXT"), ("INT ", "INT"), ("EXT ", "EXT"), ("EST ", "EXT"),
    ];

    public static SceneHeadingParts Parse(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var text = Fountain.FountainEmphasis.ToPlain(heading).Trim();
        var intExt = "";
        foreach (var (prefix, normalized) in Prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
            {
                intExt = normalized;
                text = text[prefix.Length..].TrimStart('.', ' ');
                break;
            }
        }

        var dash = text.LastIndexOf(" - ", StringComparison.Ordinal);
        var location = dash > 0 ? text[..dash] : text;
        var time = dash > 0 ? text[(dash + 3)..] : "";
        return new SceneHeadingParts(intExt, Collapse(location), Collapse(time));
    }

    private static string Collapse(string s) => string.Join(' ', s.Split(' ', StringSplitOptions.RemoveEmptyEntries));
}
