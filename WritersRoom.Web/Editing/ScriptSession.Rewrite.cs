using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Editing.History;

namespace WritersRoom.Web.Editing;

/// <summary>One paragraph of a run put in place by <see cref="ScriptSession.ReplaceRun"/>.</summary>
public sealed record RunParagraph(Guid Id, ElementType Type, string Text)
{
    public string? Extension { get; init; }
    public bool Dual { get; init; }
    public string? RevisionColor { get; init; }
    public bool AiAssisted { get; init; }
}

/// <summary>How <see cref="ScriptSession.ReplaceRun"/> marks what it writes.</summary>
public enum RunMarks
{
    /// <summary>An applied AI rewrite: changed paragraphs are AI-assisted, and carry the revision colour in revision mode.</summary>
    AiRewrite,

    /// <summary>An undo: every paragraph gets back exactly the marks given with it.</summary>
    Restore,
}

/// <summary>Why a run could not be replaced: it no longer reads as the caller saw it.</summary>
public enum RunChange
{
    /// <summary>It already reads as the replacement (applied by someone else a moment ago).</summary>
    AlreadyThere,

    /// <summary>Paragraphs of it were deleted or moved elsewhere.</summary>
    Gone,

    /// <summary>Its text was changed meanwhile.</summary>
    Changed,
}

/// <summary>Nothing changed: the run is not as the caller saw it. The message says so to the writer.</summary>
public sealed class RunChangedException(RunChange kind, string message) : Exception(message)
{
    public RunChange Kind { get; } = kind;
}

/// <summary>What a run replacement did: the script as it was (a snapshot on its way), the run before and after.</summary>
public sealed record RunReplaced(PendingSnapshot? Before, IReadOnlyList<RunParagraph> Replaced, IReadOnlyList<RunParagraph> Placed);

/// <summary>
/// A run of paragraphs of one scene replaced at once (an AI rewrite applied, or undone): through the session like any
/// edit, in one step under the lock. The run must still read exactly as the caller saw it; if a co-writer changed it,
/// nothing changes and the writer is told why (never their newer text overwritten silently). The script as it was is
/// snapshotted first, editors hear the change at once, the rows go to the group commit.
/// </summary>
public sealed partial class ScriptSession
{
    /// <summary>The id of the scene that holds <paramref name="blockId"/>, or null if it is not in this script.</summary>
    public Guid? SceneOf(Guid blockId)
    {
        lock (gate) return blockById.TryGetValue(blockId, out var block) ? block.SceneId : null;
    }

    /// <summary>
    /// Replaces the paragraphs <paramref name="expected"/> (ids and texts, consecutive in scene <paramref name="sceneId"/>;
    /// with <paramref name="wholeScene"/>, exactly the scene's paragraphs) by <paramref name="replacement"/>. A paragraph
    /// whose id is in both is rewritten in place (it keeps its comments); the others are removed or added.
    /// </summary>
    /// <exception cref="RunChangedException">The run is not as expected (changed, gone, or already replaced); nothing changed.</exception>
    /// <exception cref="RequestRejectedException">The replacement is not a valid run of this scene.</exception>
    /// <param name="tag">The proposal this applies or undoes, told to the editors with the change.</param>
    /// <exception cref="SessionClosedException">The registry unloaded this session; get it again.</exception>
    public RunReplaced ReplaceRun(Guid sceneId, IReadOnlyList<(Guid Id, string Text)> expected, bool wholeScene,
        IReadOnlyList<RunParagraph> replacement, RunMarks marks, string userId, SnapshotKind beforeKind, string beforeName, RewriteTag? tag = null)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(replacement);
        if (expected.Count == 0 || replacement.Count == 0) throw new RequestRejectedException("A rewrite needs the paragraphs it replaces and their new text.");
        RunReplaced result;
        lock (gate)
        {
            if (closed) throw new SessionClosedException();
            var scene = sceneById.GetValueOrDefault(sceneId) ?? throw new RequestRejectedException("That scene is no longer in the script.");
            var start = FindRunLocked(scene, expected, wholeScene, replacement);
            ValidateReplacementLocked(scene, start, expected.Count, replacement);

            LastActivity = DateTimeOffset.UtcNow;
            var before = CaptureLocked(beforeKind, beforeName, userId);
            var run = scene.Blocks.GetRange(start, expected.Count);
            var replaced = run.Select(Describe).ToList();
            var placed = PlaceRunLocked(scene, start, run, replacement, marks, userId);
            version++;
            NoteEditLocked();
            var structural = placed.Count != run.Count || placed.Zip(run).Any(p => p.First.Id != p.Second.Id);
            if (structural)
                Broadcast(new EditorUpdate(Guid.NewGuid(), "AiRewrite", userId, SnapshotLocked().Blocks, [], Structure: true, Resync: true, tag));
            else
                Broadcast(new EditorUpdate(Guid.NewGuid(), "AiRewrite", userId, placed.Select(b => State(b, null)).ToList(), [],
                    placed.Any(b => b.Type == ElementType.SceneHeading), Resync: false, tag));
            result = new RunReplaced(before, replaced, placed.Select(Describe).ToList());
        }
        commits.Enqueue(this);
        return result;
    }

    private int FindRunLocked(LiveScene scene, IReadOnlyList<(Guid Id, string Text)> expected, bool wholeScene, IReadOnlyList<RunParagraph> replacement)
    {
        var start = scene.Blocks.FindIndex(b => b.Id == expected[0].Id);
        var fits = start >= 0 && start + expected.Count <= scene.Blocks.Count
            && (!wholeScene || (start == 0 && expected.Count == scene.Blocks.Count))
            && expected.Select((e, i) => scene.Blocks[start + i].Id == e.Id).All(same => same);
        if (fits && expected.Select((e, i) => scene.Blocks[start + i].Text == e.Text).All(same => same)) return start;

        // Not as the proposal saw it: already this rewrite (applied by someone else), or changed by a writer meanwhile.
        var now = fits ? scene.Blocks.GetRange(start, expected.Count) : [];
        if (now.Count == replacement.Count && now.Zip(replacement).All(p => p.First.Id == p.Second.Id && p.First.Text == p.Second.Text))
            throw new RunChangedException(RunChange.AlreadyThere, "That text is already in the script.");
        if (!fits && (expected.Any(e => !blockById.ContainsKey(e.Id)) || expected.Any(e => blockById[e.Id].SceneId != scene.Id)))
            throw new RunChangedException(RunChange.Gone, "Some of those paragraphs were deleted or moved since; nothing was changed. Ask the assistant again.");
        throw new RunChangedException(RunChange.Changed,
            "Those paragraphs were changed since the assistant read them (by you or a co-writer); nothing was changed, so the newer text is kept. "
            + "Ask the assistant again for a rewrite of the current text.");
    }

    private void ValidateReplacementLocked(LiveScene scene, int start, int count, IReadOnlyList<RunParagraph> replacement)
    {
        var run = scene.Blocks.GetRange(start, count).Select(b => b.Id).ToHashSet();
        if (replacement.Select(p => p.Id).Distinct().Count() != replacement.Count || replacement.Any(p => p.Id == Guid.Empty))
            throw new RequestRejectedException("The rewrite names a paragraph twice.");
        // Another paragraph of this script (elsewhere in it) cannot be pulled into the run.
        if (replacement.Any(p => !run.Contains(p.Id) && blockById.ContainsKey(p.Id)))
            throw new RequestRejectedException("The rewrite names a paragraph that is elsewhere in the script.");
        if (replacement.Any(p => p.Text.Length > Core.Editing.EditLimits.MaxParagraphChars))
            throw new RequestRejectedException($"A paragraph may hold at most {Core.Editing.EditLimits.MaxParagraphChars:N0} characters.");
        // A heading starts a scene: one may only open the run where the scene's own heading was (a rewrite adds no scene).
        var headingAt = start == 0 && scene.StartsWithHeading ? 0 : -1;
        for (var i = 0; i < replacement.Count; i++)
        {
            if (replacement[i].Type == ElementType.SceneHeading && i != headingAt)
                throw new RequestRejectedException("A rewrite of one scene cannot add a scene heading.");
        }
        if (headingAt == 0 && replacement[0].Type != ElementType.SceneHeading)
            throw new RequestRejectedException("A rewrite cannot remove the scene's heading.");
    }

    private List<LiveBlock> PlaceRunLocked(LiveScene scene, int start, List<LiveBlock> run, IReadOnlyList<RunParagraph> replacement, RunMarks marks,
        string userId)
    {
        var now = DateTimeOffset.UtcNow;
        var kept = run.ToDictionary(b => b.Id);
        var next = start + run.Count < scene.Blocks.Count ? scene.Blocks[start + run.Count] : null;
        scene.Blocks.RemoveRange(start, run.Count);
        var placed = new List<LiveBlock>(replacement.Count);
        foreach (var p in replacement)
        {
            if (kept.Remove(p.Id, out var block))
            {
                var changed = block.Type != p.Type || block.Text != p.Text || block.Extension != p.Extension || block.Dual != p.Dual;
                if (block.Type != p.Type) NamesMayHaveChanged(block.Type);
                var (colour, ai) = Marks(block, p, changed, marks);
                if (changed || block.RevisionColor != colour || block.AiAssisted != ai)
                {
                    (block.Type, block.Text, block.Extension, block.Dual, block.RevisionColor, block.AiAssisted) = (p.Type, p.Text, p.Extension, p.Dual, colour, ai);
                    block.Version++;
                    block.UpdatedBy = userId;
                    block.UpdatedAt = now;
                    dirtyBlocks.Add(block.Id);
                }
            }
            else
            {
                // An id deleted here and not yet gone from the database (or being deleted) would collide with its row.
                var id = deletedBlocks.Contains(p.Id) || deletingBlocks.Contains(p.Id) ? Guid.CreateVersion7() : p.Id;
                block = new LiveBlock
                {
                    Id = id, SceneId = scene.Id, Rank = "", Type = p.Type, Text = p.Text, Extension = p.Extension, Dual = p.Dual,
                    UpdatedBy = userId, UpdatedAt = now,
                    // Newer than any version the id had before (the script's version bounds every block's).
                    Version = version + 1,
                };
                (block.RevisionColor, block.AiAssisted) = Marks(null, p, true, marks);
                blockById[id] = block;
                dirtyBlocks.Add(id);
            }
            NamesMayHaveChanged(block.Type);
            placed.Add(block);
        }
        foreach (var gone in kept.Values) ForgetBlock(gone);
        scene.Blocks.InsertRange(start, placed);
        RankRunLocked(scene, start > 0 ? scene.Blocks[start - 1].Rank : null, next?.Rank, placed);
        ContentChanged(scene);
        return placed;
    }

    /// <summary>Ranks for the run between its neighbours: a kept paragraph whose rank still fits keeps it (one row less to move).</summary>
    private void RankRunLocked(LiveScene scene, string? lower, string? upper, List<LiveBlock> placed)
    {
        if (lower is not null && upper is not null && string.CompareOrdinal(lower, upper) >= 0)
        {
            Respace(scene);
            return;
        }
        foreach (var block in placed)
        {
            var fits = block.Rank.Length > 0 && (lower is null || string.CompareOrdinal(lower, block.Rank) < 0)
                && (upper is null || string.CompareOrdinal(block.Rank, upper) < 0);
            if (!fits)
            {
                block.Rank = Ranks.Between(lower, upper);
                dirtyBlocks.Add(block.Id);
            }
            lower = block.Rank;
        }
        if (placed.Any(b => b.Rank.Length > MaxRankLength)) Respace(scene);
    }

    private (string? Colour, bool Ai) Marks(LiveBlock? block, RunParagraph p, bool changed, RunMarks marks) => marks switch
    {
        RunMarks.Restore => (p.RevisionColor, p.AiAssisted),
        _ when !changed => (block!.RevisionColor, block.AiAssisted),
        _ => (revisionMode ? revisionColor : block?.RevisionColor, true),
    };

    private static RunParagraph Describe(LiveBlock b) =>
        new(b.Id, b.Type, b.Text) { Extension = b.Extension, Dual = b.Dual, RevisionColor = b.RevisionColor, AiAssisted = b.AiAssisted };
}
