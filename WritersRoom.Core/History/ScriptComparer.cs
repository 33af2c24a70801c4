using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.History;

/// <summary>
/// Compares two versions scene by scene. Scenes pair by id (a scene keeps its id through edits, moves and restores),
/// then, for those left, by heading text in order (versions from separate imports). Within a pair of scenes the
/// paragraphs are aligned by a longest common subsequence in which a paragraph matches its own id or an identical
/// paragraph; a matched paragraph whose text or type differs is "changed" and carries a word-level diff.
/// </summary>
public static class ScriptComparer
{
    // Beyond this many cells the alignment falls back to pairing by id alone (a scene of thousands of paragraphs).
    private const long MaxAlignmentCells = 4_000_000;

    public static ScriptComparison Compare(ScriptVersion older, ScriptVersion newer)
    {
        ArgumentNullException.ThrowIfNull(older);
        ArgumentNullException.ThrowIfNull(newer);
        var oldScenes = older.Scenes;
        var newScenes = newer.Scenes;
        var oldIndexOf = PairScenes(oldScenes, newScenes);
        var moved = MovedScenes(oldIndexOf);

        // Removed scenes go after the new position of the nearest kept scene that preceded them.
        var kept = new HashSet<int>(oldIndexOf.Where(i => i >= 0));
        var newIndexOfOld = new Dictionary<int, int>();
        for (var n = 0; n < oldIndexOf.Length; n++) if (oldIndexOf[n] >= 0) newIndexOfOld[oldIndexOf[n]] = n;
        var removedAfter = new Dictionary<int, List<int>>();
        var anchor = -1;
        for (var o = 0; o < oldScenes.Count; o++)
        {
            if (kept.Contains(o)) { anchor = newIndexOfOld[o]; continue; }
            if (!removedAfter.TryGetValue(anchor, out var list)) removedAfter[anchor] = list = [];
            list.Add(o);
        }

        var result = new List<SceneChange>(newScenes.Count + oldScenes.Count - kept.Count);
        AddRemoved(-1);
        for (var n = 0; n < newScenes.Count; n++)
        {
            var scene = newScenes[n];
            if (oldIndexOf[n] < 0)
            {
                result.Add(new SceneChange(ChangeKind.Added, false, scene.Heading, null, scene.SceneNumber,
                    scene.Paragraphs.Select(p => Whole(ChangeKind.Added, p)).ToList()));
            }
            else
            {
                var before = oldScenes[oldIndexOf[n]];
                var paragraphs = CompareParagraphs(before.Paragraphs, scene.Paragraphs);
                var kind = paragraphs.All(p => p.Kind == ChangeKind.Unchanged) ? ChangeKind.Unchanged : ChangeKind.Changed;
                result.Add(new SceneChange(kind, moved.Contains(n), scene.Heading, before.Heading == scene.Heading ? null : before.Heading,
                    scene.SceneNumber, paragraphs));
            }
            AddRemoved(n);
        }
        return new ScriptComparison(result);

        void AddRemoved(int after)
        {
            if (!removedAfter.TryGetValue(after, out var list)) return;
            foreach (var o in list)
            {
                var scene = oldScenes[o];
                result.Add(new SceneChange(ChangeKind.Removed, false, scene.Heading, null, scene.SceneNumber,
                    scene.Paragraphs.Select(p => Whole(ChangeKind.Removed, p)).ToList()));
            }
        }
    }

    /// <summary>For each new scene, the index of its older counterpart or -1.</summary>
    private static int[] PairScenes(IReadOnlyList<VersionScene> oldScenes, IReadOnlyList<VersionScene> newScenes)
    {
        var result = new int[newScenes.Count];
        Array.Fill(result, -1);
        var oldById = new Dictionary<Guid, int>();
        for (var o = 0; o < oldScenes.Count; o++) oldById.TryAdd(oldScenes[o].Id, o);
        var used = new bool[oldScenes.Count];
        for (var n = 0; n < newScenes.Count; n++)
        {
            if (oldById.TryGetValue(newScenes[n].Id, out var o) && !used[o]) { result[n] = o; used[o] = true; }
        }
        var byHeading = new Dictionary<string, Queue<int>>();
        for (var o = 0; o < oldScenes.Count; o++)
        {
            if (used[o]) continue;
            var key = HeadingKey(oldScenes[o]);
            if (!byHeading.TryGetValue(key, out var queue)) byHeading[key] = queue = new();
            queue.Enqueue(o);
        }
        for (var n = 0; n < newScenes.Count; n++)
        {
            if (result[n] >= 0) continue;
            if (byHeading.TryGetValue(HeadingKey(newScenes[n]), out var queue) && queue.Count > 0) result[n] = queue.Dequeue();
        }
        return result;
    }

    private static string HeadingKey(VersionScene scene) =>
        string.Join(' ', scene.Heading.ToUpperInvariant().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    /// <summary>New indexes of paired scenes outside the longest run that kept its order: those are the ones that moved.</summary>
    private static HashSet<int> MovedScenes(int[] oldIndexOf)
    {
        var pairs = Enumerable.Range(0, oldIndexOf.Length).Where(n => oldIndexOf[n] >= 0).ToList();
        var inOrder = LongestIncreasing(pairs.Select(n => oldIndexOf[n]).ToList());
        var moved = new HashSet<int>();
        for (var i = 0; i < pairs.Count; i++) if (!inOrder.Contains(i)) moved.Add(pairs[i]);
        return moved;
    }

    /// <summary>Positions of one longest strictly increasing subsequence (patience sorting, n log n).</summary>
    private static HashSet<int> LongestIncreasing(IReadOnlyList<int> values)
    {
        var tails = new List<int>();
        var previous = new int[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            int lo = 0, hi = tails.Count;
            while (lo < hi)
            {
                var mid = (lo + hi) / 2;
                if (values[tails[mid]] < values[i]) lo = mid + 1; else hi = mid;
            }
            previous[i] = lo > 0 ? tails[lo - 1] : -1;
            if (lo == tails.Count) tails.Add(i); else tails[lo] = i;
        }
        var result = new HashSet<int>();
        for (var i = tails.Count > 0 ? tails[^1] : -1; i >= 0; i = previous[i]) result.Add(i);
        return result;
    }

    private static List<ParagraphChange> CompareParagraphs(IReadOnlyList<VersionParagraph> before, IReadOnlyList<VersionParagraph> after)
    {
        var result = new List<ParagraphChange>(Math.Max(before.Count, after.Count));
        var prefix = 0;
        while (prefix < before.Count && prefix < after.Count && Same(before[prefix], after[prefix])) prefix++;
        var suffix = 0;
        while (suffix < before.Count - prefix && suffix < after.Count - prefix && Same(before[^(suffix + 1)], after[^(suffix + 1)])) suffix++;

        for (var i = 0; i < prefix; i++) result.Add(Pair(before[i], after[i]));
        var oldMiddle = before.Skip(prefix).Take(before.Count - prefix - suffix).ToList();
        var newMiddle = after.Skip(prefix).Take(after.Count - prefix - suffix).ToList();
        AlignMiddle(oldMiddle, newMiddle, result);
        for (var i = suffix; i > 0; i--) result.Add(Pair(before[^i], after[^i]));
        return result;
    }

    private static void AlignMiddle(List<VersionParagraph> before, List<VersionParagraph> after, List<ParagraphChange> result)
    {
        var matches = (long)before.Count * after.Count <= MaxAlignmentCells ? Lcs(before, after) : ById(before, after);
        int o = 0, n = 0;
        foreach (var (mo, mn) in matches.Append((before.Count, after.Count)))
        {
            Gap(before.GetRange(o, mo - o), after.GetRange(n, mn - n), result);
            if (mo < before.Count) result.Add(Pair(before[mo], after[mn]));
            o = mo + 1;
            n = mn + 1;
        }
    }

    /// <summary>
    /// Paragraphs between two matches: removed, then added — except that a removed and an added paragraph of the
    /// same type whose texts are mostly alike read as one changed paragraph (typical of versions from two imports).
    /// </summary>
    private static void Gap(List<VersionParagraph> removed, List<VersionParagraph> added, List<ParagraphChange> result)
    {
        var i = 0;
        for (; i < removed.Count && i < added.Count && removed[i].Type == added[i].Type && TextDiff.Similar(removed[i].Text, added[i].Text); i++)
            result.Add(Pair(removed[i], added[i]));
        foreach (var p in removed.Skip(i)) result.Add(Whole(ChangeKind.Removed, p));
        foreach (var p in added.Skip(i)) result.Add(Whole(ChangeKind.Added, p));
    }

    private static List<(int Old, int New)> Lcs(List<VersionParagraph> a, List<VersionParagraph> b)
    {
        var table = new int[a.Count + 1, b.Count + 1];
        for (var i = a.Count - 1; i >= 0; i--)
            for (var j = b.Count - 1; j >= 0; j--)
                table[i, j] = Match(a[i], b[j]) ? table[i + 1, j + 1] + 1 : Math.Max(table[i + 1, j], table[i, j + 1]);
        var pairs = new List<(int, int)>();
        for (int i = 0, j = 0; i < a.Count && j < b.Count;)
        {
            if (Match(a[i], b[j])) { pairs.Add((i, j)); i++; j++; }
            else if (table[i + 1, j] >= table[i, j + 1]) i++;
            else j++;
        }
        return pairs;
    }

    private static List<(int Old, int New)> ById(List<VersionParagraph> a, List<VersionParagraph> b)
    {
        var oldIndex = new Dictionary<Guid, int>();
        for (var i = 0; i < a.Count; i++) oldIndex.TryAdd(a[i].Id, i);
        var pairs = new List<(int, int)>();
        var last = -1;
        for (var j = 0; j < b.Count; j++)
        {
            if (oldIndex.TryGetValue(b[j].Id, out var i) && i > last) { pairs.Add((i, j)); last = i; }
        }
        return pairs;
    }

    private static bool Match(VersionParagraph a, VersionParagraph b) => a.Id == b.Id || Same(a, b);

    private static bool Same(VersionParagraph a, VersionParagraph b) => a.Type == b.Type && a.Text == b.Text;

    private static ParagraphChange Pair(VersionParagraph before, VersionParagraph after) =>
        Same(before, after)
            ? new ParagraphChange(ChangeKind.Unchanged, after.Type, null, before.Text, after.Text, [new TextSpan(SpanKind.Same, after.Text)])
            : new ParagraphChange(ChangeKind.Changed, after.Type, before.Type == after.Type ? null : before.Type, before.Text, after.Text,
                TextDiff.Spans(before.Text, after.Text));

    private static ParagraphChange Whole(ChangeKind kind, VersionParagraph p) =>
        new(kind, p.Type, null, kind == ChangeKind.Removed ? p.Text : null, kind == ChangeKind.Added ? p.Text : null,
            [new TextSpan(kind == ChangeKind.Added ? SpanKind.Inserted : SpanKind.Deleted, p.Text)]);
}
