using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Editing;

/// <summary>Names the script already uses, offered as the writer types a cue or a heading.</summary>
public sealed record TypeAheadLists(IReadOnlyList<string> Characters, IReadOnlyList<string> Locations, IReadOnlyList<string> TimesOfDay)
{
    public static readonly string[] Prefixes = ["INT. ", "EXT. ", "INT./EXT. ", "I/E. "];
    private static readonly string[] DefaultTimes = ["DAY", "NIGHT", "CONTINUOUS", "LATER", "MORNING", "EVENING"];

    public static TypeAheadLists From(IEnumerable<(ElementType Type, string Text)> paragraphs)
    {
        var characters = new SortedSet<string>(StringComparer.Ordinal);
        var locations = new SortedSet<string>(StringComparer.Ordinal);
        var times = new SortedSet<string>(DefaultTimes, StringComparer.Ordinal);
        foreach (var (type, text) in paragraphs)
        {
            if (type == ElementType.Character)
            {
                var name = CueName(text);
                if (name.Length > 0) characters.Add(name);
            }
            else if (type == ElementType.SceneHeading)
            {
                var (location, time) = SplitHeading(text);
                if (location.Length > 0) locations.Add(location);
                if (time.Length > 0) times.Add(time);
            }
        }
        return new TypeAheadLists([.. characters], [.. locations], [.. times]);
    }

    /// <summary>"WILL (V.O.)" → "WILL": the extension is not part of the name.</summary>
    public static string CueName(string cue)
    {
        var paren = cue.IndexOf('(');
        return (paren >= 0 ? cue[..paren] : cue).Replace("^", "").Trim().ToUpperInvariant();
    }

    /// <summary>"INT. BLOOM HOUSE - KITCHEN - NIGHT" → ("BLOOM HOUSE - KITCHEN", "NIGHT").</summary>
    public static (string Location, string Time) SplitHeading(string heading)
    {
        var text = heading.Trim().ToUpperInvariant();
        foreach (var prefix in Prefixes.OrderByDescending(p => p.Length))
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal)) { text = text[prefix.Length..]; break; }
        }
        var dash = text.LastIndexOf(" - ", StringComparison.Ordinal);
        return dash < 0 ? (text.Trim(), "") : (text[..dash].Trim(), text[(dash + 3)..].Trim());
    }
}
