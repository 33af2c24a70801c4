using System.Globalization;
using System.Text.RegularExpressions;

namespace WritersRoom.Core.Editing;

/// <summary>
/// Scene numbers as productions use them. Until a script is numbered, scenes show their position (1, 2, 3…).
/// Once numbers are stored (numbered on demand, locked, or given in the imported file) they stay with their
/// scene, and a scene without one takes its number from its neighbours, the industry convention:
/// new scenes between 12 and 13 are 12A, 12B…; after 12A comes 12B; between 12A and 12B, 12AA; before
/// scene 1, A1, B1….
/// </summary>
public static partial class SceneNumbering
{
    /// <summary>The numbers shown for the scenes (those that start with a heading), in order.</summary>
    public static IReadOnlyList<string> Display(IReadOnlyList<string?> stored)
    {
        var result = new string[stored.Count];
        if (stored.All(string.IsNullOrWhiteSpace))
        {
            for (var i = 0; i < result.Length; i++) result[i] = (i + 1).ToString(CultureInfo.InvariantCulture);
            return result;
        }
        var used = new HashSet<string>(stored.Where(s => !string.IsNullOrWhiteSpace(s)).Select(s => s!.Trim()), StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < stored.Count; i++)
        {
            if (!string.IsNullOrWhiteSpace(stored[i])) { result[i] = stored[i]!.Trim(); continue; }
            // A run of unnumbered scenes: from the number before it (or before the number after it, at the top).
            var end = i;
            while (end < stored.Count && string.IsNullOrWhiteSpace(stored[end])) end++;
            var previous = i > 0 ? result[i - 1] : null;
            var next = end < stored.Count ? stored[end]!.Trim() : null;
            var run = previous is not null ? After(previous, next, end - i, used) : Before(next!, end - i, used);
            for (var k = 0; k < run.Count; k++) result[i + k] = run[k];
            i = end - 1;
        }
        return result;
    }

    /// <summary>Fresh numbers 1..n (numbering on demand, or renumbering a draft).</summary>
    public static IReadOnlyList<string> Sequence(int count) =>
        Enumerable.Range(1, count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToList();

    /// <summary>12 → 12A, 12B…; 12A → 12B…; if that would reach the next number (12A before 12B), 12AA, 12AB….</summary>
    private static List<string> After(string previous, string? next, int count, HashSet<string> used)
    {
        var result = new List<string>(count);
        var parsed = Parse(previous);
        var nextParsed = next is null ? null : Parse(next);
        var stem = parsed is null ? previous : parsed.Value.Prefix + parsed.Value.Number;
        var suffix = parsed?.Suffix ?? "";
        // Incrementing the last letter stays below the next number unless the next shares the stem and sorts
        // at or before the candidate; then the run goes one letter deeper, which always sorts between.
        var deeper = false;
        for (var k = 0; k < count; k++)
        {
            string candidate;
            do
            {
                if (!deeper)
                {
                    var incremented = Increment(suffix);
                    if (nextParsed is { } n && parsed is { } p && n.Prefix == p.Prefix && n.Number == p.Number
                        && string.CompareOrdinal(incremented, n.Suffix) >= 0)
                    {
                        deeper = true;
                        suffix += "A";
                    }
                    else suffix = incremented;
                }
                else suffix = Increment(suffix);
                candidate = stem + suffix;
            } while (used.Contains(candidate));
            used.Add(candidate);
            result.Add(candidate);
        }
        return result;
    }

    /// <summary>Scenes before the first numbered one: A1, B1, C1… before 1.</summary>
    private static List<string> Before(string next, int count, HashSet<string> used)
    {
        var result = new List<string>(count);
        var letter = 'A';
        var depth = "";
        for (var k = 0; k < count; k++)
        {
            string candidate;
            do
            {
                candidate = depth + letter + next;
                if (letter == 'Z') { depth += "A"; letter = 'A'; } else letter++;
            } while (used.Contains(candidate));
            used.Add(candidate);
            result.Add(candidate);
        }
        return result;
    }

    /// <summary>"" → A, A → B, Z → ZA (still sorts after Z and before the next number's letters).</summary>
    private static string Increment(string suffix)
    {
        if (suffix.Length == 0) return "A";
        var last = suffix[^1];
        return last < 'Z' ? suffix[..^1] + (char)(last + 1) : suffix + "A";
    }

    /// <summary>"12A" → ("", 12, "A"); "A1" → ("A", 1, ""); anything else (a free-form number) → null.</summary>
    public static (string Prefix, int Number, string Suffix)? Parse(string number)
    {
        var match = NumberPattern().Match(number.Trim().ToUpperInvariant());
        if (!match.Success || !int.TryParse(match.Groups[2].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var n)) return null;
        return (match.Groups[1].Value, n, match.Groups[3].Value);
    }

    [GeneratedRegex("^([A-Z]*)([0-9]{1,6})([A-Z]*)$")]
    private static partial Regex NumberPattern();
}
