using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Editing;

/// <summary>Names the script already uses, offered as the writer types a cue or a heading.</summary>
public sealed record TypeAheadLists(IReadOnlyList<string> Characters, IReadOnlyList<string> Locations, IReadOnlyList<string> TimesOfDay)
{
    public static readonly string[] Prefixes = ["INT. ", "EXT. ", "INT./EXT. ", "I/E. "];
    private static readonly string[] LongestPrefixFirst = [.. Prefixes.OrderByDescending(p => p.Length)];
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

    public const int MaxSuggestions = 10;

    /// <summary>
    /// What to offer in a <paramref name="type"/> paragraph whose text before the caret is <paramref name="beforeCaret"/>:
    /// a cue gets the names that start with what is typed; a heading gets INT./EXT. first, then locations, then
    /// (after " - ") times of day. The browser's dropdown (ClientApp/src/typeahead.js) follows the same rules.
    /// </summary>
    public TypeAheadSuggestion? Suggest(ElementType type, string beforeCaret)
    {
        var typed = beforeCaret.ToUpperInvariant();
        if (type == ElementType.Character)
        {
            var name = typed.TrimStart();
            if (name.Length == 0 || name.Contains('(')) return null;
            return Offer(TypeAheadKind.Character, beforeCaret.Length - name.Length, name, Characters);
        }
        if (type != ElementType.SceneHeading || typed.Trim().Length == 0) return null;
        var prefix = LongestPrefixFirst.FirstOrDefault(p => typed.StartsWith(p, StringComparison.Ordinal));
        if (prefix is null) return Offer(TypeAheadKind.Prefix, 0, typed, Prefixes);
        var rest = typed[prefix.Length..];
        var dash = rest.LastIndexOf(" - ", StringComparison.Ordinal);
        return dash < 0
            ? rest.Trim().Length == 0 ? null : Offer(TypeAheadKind.Location, prefix.Length, rest, Locations)
            : Offer(TypeAheadKind.Time, prefix.Length + dash + 3, rest[(dash + 3)..], TimesOfDay, offerAllWhenEmpty: true);
    }

    private static TypeAheadSuggestion? Offer(TypeAheadKind kind, int from, string typed, IReadOnlyList<string> candidates, bool offerAllWhenEmpty = false)
    {
        if (typed.Length == 0 && !offerAllWhenEmpty) return null;
        var options = candidates.Where(c => c.StartsWith(typed, StringComparison.Ordinal) && c.TrimEnd() != typed.TrimEnd())
            .Take(MaxSuggestions).ToList();
        return options.Count == 0 ? null : new TypeAheadSuggestion(kind, from, options);
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
        foreach (var prefix in LongestPrefixFirst)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal)) { text = text[prefix.Length..]; break; }
        }
        var dash = text.LastIndexOf(" - ", StringComparison.Ordinal);
        return dash < 0 ? (text.Trim(), "") : (text[..dash].Trim(), text[(dash + 3)..].Trim());
    }
}

public enum TypeAheadKind { Character, Prefix, Location, Time }

/// <summary>Options for the text from <see cref="From"/> to the caret; accepting one replaces that text with <see cref="Insert"/>.</summary>
public sealed record TypeAheadSuggestion(TypeAheadKind Kind, int From, IReadOnlyList<string> Options)
{
    /// <summary>A location is followed by " - " so the times of day come next.</summary>
    public string Insert(string option) => Kind == TypeAheadKind.Location ? option + " - " : option;
}
