namespace WritersRoom.Core.Screenplay;

/// <summary>
/// The industry's revision colour sequence (WGA/studio practice): each new set of changes is printed on the
/// next colour of paper and marked with that colour's name in the page header.
/// </summary>
public static class RevisionColors
{
    public static readonly IReadOnlyList<(string Name, string Hex)> Sequence =
    [
        ("White", "#FFFFFF"), ("Blue", "#9FC5E8"), ("Pink", "#F4CCCC"), ("Yellow", "#FFF2CC"), ("Green", "#D9EAD3"),
        ("Goldenrod", "#F1C232"), ("Buff", "#F0DC82"), ("Salmon", "#FA8072"), ("Cherry", "#DE3163"), ("Tan", "#D2B48C"),
    ];

    /// <summary>
    /// The colours a writing team marks changes with, in order; White is the first draft, not a revision. A team
    /// that runs past Cherry starts again at Blue ("Double Blue"), so the cycle wraps.
    /// </summary>
    public static readonly IReadOnlyList<string> Cycle = ["Blue", "Pink", "Yellow", "Green", "Goldenrod", "Buff", "Salmon", "Cherry"];

    /// <summary>The cycle's own spelling of <paramref name="name"/>, or null if it is not a revision colour.</summary>
    public static string? InCycle(string? name) =>
        Cycle.FirstOrDefault(c => c.Equals(name?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The colour after <paramref name="current"/> in the cycle; Blue to start with.</summary>
    public static string Next(string? current)
    {
        var known = InCycle(current);
        return known is null ? Cycle[0] : Cycle[(Cycle.ToList().IndexOf(known) + 1) % Cycle.Count];
    }

    /// <summary>The colour's place in the sequence, or past the end for a name we do not know.</summary>
    public static int Rank(string name)
    {
        for (var i = 0; i < Sequence.Count; i++)
        {
            if (Sequence[i].Name.Equals(name, StringComparison.OrdinalIgnoreCase)) return i;
        }
        return Sequence.Count;
    }

    /// <summary>A known colour's name at the start of a label such as "Blue Rev." or "PINK REVISION", else null.</summary>
    public static string? FindIn(string? label)
    {
        if (string.IsNullOrWhiteSpace(label)) return null;
        var first = label.Trim().Split(' ', '-', '.')[0];
        var index = Rank(first);
        return index < Sequence.Count ? Sequence[index].Name : null;
    }

    public static string HexOf(string name)
    {
        var index = Rank(name);
        return index < Sequence.Count ? Sequence[index].Hex : "#C0C0C0";
    }

    /// <summary>"Blue Revision": the header text on pages carrying changes of that colour.</summary>
    public static string HeaderLabel(string name) => $"{name} Revision";
}
