using DiffMatchPatch;

namespace WritersRoom.Core.History;

/// <summary>Word-level differences within one paragraph, for showing what changed; bounded in time like the merge.</summary>
public static class TextDiff
{
    public static IReadOnlyList<TextSpan> Spans(string before, string after)
    {
        var dmp = new diff_match_patch { Diff_Timeout = 0.2f };
        var diffs = dmp.diff_main(before, after, false);
        // Readers want whole words changed, not scattered letters.
        dmp.diff_cleanupSemantic(diffs);
        return diffs.Select(d => new TextSpan(d.operation switch
        {
            Operation.INSERT => SpanKind.Inserted,
            Operation.DELETE => SpanKind.Deleted,
            _ => SpanKind.Same,
        }, d.text)).ToList();
    }

    /// <summary>True when at most half of the longer text would have to change to turn one into the other.</summary>
    public static bool Similar(string a, string b)
    {
        var longest = Math.Max(a.Length, b.Length);
        if (longest == 0) return true;
        var dmp = new diff_match_patch { Diff_Timeout = 0.1f };
        return dmp.diff_levenshtein(dmp.diff_main(a, b, false)) * 2 <= longest;
    }
}
