using System.Text.RegularExpressions;

namespace WritersRoom.Core.Bible;

/// <summary>
/// Splits a scene heading into its place and time: "INT. BLOOM HOUSE - WILL'S ROOM - NIGHT" is the location
/// "BLOOM HOUSE - WILL'S ROOM" at NIGHT. A last segment that is not a time of day stays part of the place.
/// </summary>
public static partial class SceneHeading
{
    private static readonly HashSet<string> Times = new(StringComparer.OrdinalIgnoreCase)
    {
        "DAY", "NIGHT", "MORNING", "EVENING", "AFTERNOON", "DAWN", "DUSK", "SUNSET", "SUNRISE", "LATER",
        "MOMENTS LATER", "CONTINUOUS", "SAME", "SAME TIME", "NOON", "MIDNIGHT", "LATE NIGHT", "EARLY MORNING",
    };

    public static (string Location, string? Time) Parse(string heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        var text = SceneNumber().Replace(heading, "").Trim();
        text = Prefix().Replace(text, "").Trim();
        var dash = text.LastIndexOf(" - ", StringComparison.Ordinal);
        if (dash > 0)
        {
            var last = text[(dash + 3)..].Trim();
            if (Times.Contains(last) || last.StartsWith("FLASHBACK", StringComparison.OrdinalIgnoreCase))
                return (Normalise(text[..dash]), last.ToUpperInvariant());
        }
        return (Normalise(text), null);
    }

    private static string Normalise(string place) => string.Join(' ', place.ToUpperInvariant().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim(' ', '-', '.');

    [GeneratedRegex(@"^(INT\.?/EXT\.?|EXT\.?/INT\.?|INT\./EXT|I/E|INT|EXT|EST)[\.\s]+", RegexOptions.IgnoreCase)]
    private static partial Regex Prefix();

    // Fountain scene numbers: "#12A#" at the end of the heading.
    [GeneratedRegex(@"\s*#[^#]*#\s*$")]
    private static partial Regex SceneNumber();
}
