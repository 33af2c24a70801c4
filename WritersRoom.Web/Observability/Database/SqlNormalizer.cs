using System.Text.RegularExpressions;

namespace WritersRoom.Web.Observability.Database;

/// <summary>
/// Turns SQL into its shape, so "the same query with other values" is one line on the page: string and number
/// literals become <c>?</c>, literal lists collapse, whitespace folds. Parameter names (@p0) already carry no values.
/// </summary>
public static partial class SqlNormalizer
{
    public const int MaxLength = 2000;

    public static string Normalize(string sql)
    {
        var s = StringLiteral().Replace(sql, "?");
        s = NumberLiteral().Replace(s, "?");
        s = Whitespace().Replace(s, " ").Trim();
        s = LiteralList().Replace(s, "(?, …)");
        return s.Length <= MaxLength ? s : s[..MaxLength] + "…";
    }

    // 'text' with '' escapes, optionally prefixed E/N (E'…', N'…').
    [GeneratedRegex(@"(?:\b[EeNn])?'(?:[^']|'')*'")]
    private static partial Regex StringLiteral();

    // A number that is not part of an identifier (t0, p1) or a parameter ($1, @p0).
    [GeneratedRegex(@"(?<![\w$@.])-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?\b")]
    private static partial Regex NumberLiteral();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\(\?(?:\s*,\s*\?)+\)")]
    private static partial Regex LiteralList();
}
