using DiffMatchPatch;

namespace WritersRoom.Core.Editing;

/// <summary>
/// Three-way merge of one paragraph's text: the change a writer made from <c>base</c> to <c>mine</c> is
/// re-applied onto whatever the paragraph holds now. Concurrent edits therefore combine at character level
/// instead of the later one overwriting the earlier (differential synchronization, patch-apply step).
/// </summary>
public static class TextMerge
{
    public static string Merge(string baseText, string mine, string current)
    {
        if (mine == baseText) return current;   // nothing of mine to add
        if (current == baseText) return mine;   // nobody else changed it: mine wins as is
        if (current == mine) return current;    // the same change arrived twice

        var dmp = Create();
        var patches = dmp.patch_make(baseText, mine);
        var applied = dmp.patch_apply(patches, current);
        // patch_apply drops a hunk whose context vanished (the other writer deleted it); that is the
        // intended outcome of "their delete wins over my edit inside it", so the text is used as is.
        return (string)applied[0];
    }

    private static diff_match_patch Create() => new()
    {
        // A paragraph is short; a bounded diff keeps one pathological paste from stalling the session's lock.
        Diff_Timeout = 0.1f,
        // Look for the patch's context anywhere in the paragraph, not only near its old position.
        Match_Distance = 100_000,
        Patch_DeleteThreshold = 0.5f,
    };
}
