namespace WritersRoom.Core.Screenplay;

/// <summary>
/// Sortable string keys ("fractional indexing"): a key between any two keys always exists, so moving a scene
/// or inserting a paragraph rewrites one row. Keys use 0-9a-z and compare ordinally (C collation in Postgres).
/// </summary>
public static class Ranks
{
    private const string Digits = "0123456789abcdefghijklmnopqrstuvwxyz";
    private const int Base = 36;

    /// <summary><paramref name="count"/> evenly spaced keys of equal length, leaving room between neighbours.</summary>
    public static IReadOnlyList<string> Sequence(int count)
    {
        if (count <= 0) return [];
        var width = 1;
        for (long capacity = Base; capacity < (long)(count + 1) * 16; capacity *= Base) width++;
        var space = (long)Math.Pow(Base, width);
        var step = space / (count + 1);
        var keys = new string[count];
        // A key ending in '0' would leave no room below it, so such keys move up by one.
        for (var i = 0; i < count; i++)
        {
            var value = step * (i + 1);
            keys[i] = Encode(value % Base == 0 ? value + 1 : value, width);
        }
        return keys;
    }

    /// <summary>A key strictly between <paramref name="before"/> and <paramref name="after"/>; null means open-ended.</summary>
    public static string Between(string? before, string? after)
    {
        before ??= "";
        if (after is not null && string.CompareOrdinal(before, after) >= 0)
            throw new ArgumentException($"'{before}' must sort before '{after}'.");

        var result = new System.Text.StringBuilder();
        for (var i = 0; ; i++)
        {
            var lo = i < before.Length ? Digits.IndexOf(before[i]) : 0;
            var hi = after is not null && i < after.Length ? Digits.IndexOf(after[i]) : Base;
            if (lo < 0 || hi < 0) throw new ArgumentException("Ranks use the characters 0-9 and a-z only.");
            if (hi - lo > 1)
            {
                result.Append(Digits[(lo + hi) / 2]);
                return result.ToString();
            }
            // No room at this digit: keep the lower digit and look for room further right.
            result.Append(Digits[lo]);
            if (hi - lo == 1) after = null;
        }
    }

    private static string Encode(long value, int width)
    {
        var chars = new char[width];
        for (var i = width - 1; i >= 0; i--)
        {
            chars[i] = Digits[(int)(value % Base)];
            value /= Base;
        }
        return new string(chars);
    }
}
