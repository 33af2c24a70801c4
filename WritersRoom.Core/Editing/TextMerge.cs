using System.Text;
using DiffMatchPatch;

namespace WritersRoom.Core.Editing;

/// <summary>
/// Three-way merge of one paragraph's text: the change a writer made from <c>base</c> to <c>mine</c> is combined
/// with the change others made from <c>base</c> to <c>current</c>, at character level.
/// <para>
/// Both changes are diffed against the common base (diff-match-patch) and replayed position by position, like diff3.
/// Unlike <c>patch_apply</c>, which drops a hunk when its context no longer matches, this never loses an inserted
/// character: an acknowledged keystroke is always in the result. Where both inserted at the same spot, theirs
/// (already in <c>current</c>) comes first and mine after; the browser uses the same rule, so copies converge.
/// </para>
/// </summary>
public static class TextMerge
{
    public static string Merge(string baseText, string mine, string current)
    {
        if (mine == baseText) return current;   // nothing of mine to add
        if (current == baseText) return mine;   // nobody else changed it: mine as is
        if (current == mine) return current;    // the same change arrived twice

        var theirs = Edits.Of(baseText, current);
        var ours = Edits.Of(baseText, mine);
        var result = new StringBuilder(current.Length + mine.Length - baseText.Length + 8);
        for (var i = 0; i <= baseText.Length; i++)
        {
            theirs.AppendInsertedAt(i, result);
            ours.AppendInsertedAt(i, result);
            if (i < baseText.Length && !theirs.Deleted(i) && !ours.Deleted(i)) result.Append(baseText[i]);
        }
        return result.ToString();
    }

    /// <summary>One side's change, as "inserted before base position i" and "base position i deleted".</summary>
    private sealed class Edits
    {
        private readonly Dictionary<int, string> inserts = [];
        private bool[] deleted = [];

        public static Edits Of(string from, string to)
        {
            // A bounded diff keeps one pathological paste from stalling the session; the result stays a valid diff.
            var dmp = new diff_match_patch { Diff_Timeout = 0.2f };
            var edits = new Edits { deleted = new bool[from.Length] };
            var at = 0;
            foreach (var d in dmp.diff_main(from, to, false))
            {
                switch (d.operation)
                {
                    case Operation.EQUAL:
                        at += d.text.Length;
                        break;
                    case Operation.DELETE:
                        Array.Fill(edits.deleted, true, at, d.text.Length);
                        at += d.text.Length;
                        break;
                    case Operation.INSERT:
                        edits.inserts[at] = edits.inserts.TryGetValue(at, out var before) ? before + d.text : d.text;
                        break;
                }
            }
            return edits;
        }

        public void AppendInsertedAt(int position, StringBuilder to)
        {
            if (inserts.TryGetValue(position, out var text)) to.Append(text);
        }

        public bool Deleted(int position) => deleted[position];
    }
}
