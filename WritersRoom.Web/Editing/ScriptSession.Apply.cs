using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

public enum ApplyOutcome { Applied, Duplicate, Rejected }

/// <summary>Refuses an operation before anything changed; the message is shown to the writer.</summary>
public sealed class OpRejectedException(string reason) : Exception(reason);

public sealed partial class ScriptSession
{
    // Rank keys grow as writers insert again and again at one spot; past this the scene is re-spaced.
    private const int MaxRankLength = 24;
    private bool structureChanged;

    /// <summary>
    /// Applies one operation (in order with every other on this script), fans it out, and leaves it for the writer
    /// to commit; <paramref name="origin"/> hears <see cref="IEditorClient.OnCommitted"/> once it is durable.
    /// </summary>
    public ApplyOutcome Apply(EditOp op, string userId, IEditorClient origin)
    {
        if (EditLimits.Validate(op) is { } invalid)
        {
            origin.OnRejected(new OpRejection(op.OpId, invalid));
            return ApplyOutcome.Rejected;
        }
        lock (gate)
        {
            LastActivity = DateTimeOffset.UtcNow;
            if (applied.TryGetValue(op.OpId, out var committed))
            {
                // A resend: applied once already. Ack it again once (or as soon as) it is durable.
                if (committed) origin.OnCommitted([op.OpId]);
                else pendingAcks.Add((op.OpId, origin));
                return ApplyOutcome.Duplicate;
            }
            EditorUpdate update;
            structureChanged = false;
            try
            {
                BeforeBulkOpLocked(op, userId);
                update = op.Kind switch
                {
                    EditOpKind.InsertBlock => Insert(op, userId),
                    EditOpKind.UpdateText => UpdateText(op, userId),
                    EditOpKind.SetType => SetType(op, userId),
                    EditOpKind.DeleteBlock => DeleteBlock(op),
                    EditOpKind.MoveScene => MoveScene(op),
                    EditOpKind.DeleteScene => DeleteScene(op),
                    EditOpKind.NumberScenes or EditOpKind.LockSceneNumbers or EditOpKind.UnlockSceneNumbers => Numbering(op),
                    _ => throw new OpRejectedException("Unknown operation."),
                };
            }
            catch (OpRejectedException rejected)
            {
                origin.OnRejected(new OpRejection(op.OpId, rejected.Message));
                return ApplyOutcome.Rejected;
            }
            KeepLockedNumbers();
            version++;
            NoteEditLocked();
            applied[op.OpId] = false;
            pendingOps.Add(op.OpId);
            pendingAcks.Add((op.OpId, origin));
            Broadcast(update with { Structure = update.Structure || structureChanged });
        }
        commits.Enqueue(this);
        return ApplyOutcome.Applied;
    }

    /// <summary>Op ids this session applied (committed or not); a resend of one is applied once.</summary>
    public bool HasApplied(Guid opId)
    {
        lock (gate) return applied.ContainsKey(opId);
    }

    /// <summary>Remembers ops the database says were committed before this session was loaded.</summary>
    public void RememberCommitted(IEnumerable<Guid> opIds)
    {
        lock (gate)
            foreach (var id in opIds) applied[id] = true;
    }

    private EditorUpdate Insert(EditOp op, string userId)
    {
        if (blockById.ContainsKey(op.BlockId)) throw new OpRejectedException("That paragraph already exists.");
        LiveScene scene;
        int index;
        if (op.AfterBlockId is { } afterId && blockById.TryGetValue(afterId, out var after))
        {
            scene = sceneById[after.SceneId];
            index = scene.Blocks.IndexOf(after) + 1;
        }
        else if (op.AfterBlockId is not null)
        {
            // The paragraph it followed was deleted meanwhile: keep the text rather than lose it, at the end.
            scene = scenes.Count > 0 ? scenes[^1] : AddScene(0);
            index = scene.Blocks.Count;
        }
        else
        {
            scene = scenes.Count > 0 ? scenes[0] : AddScene(0);
            index = 0;
        }
        if (index == 0 && scene.StartsWithHeading)
        {
            // Before a scene's heading is the end of the scene before (or a new first scene): the scene keeps its
            // heading, id and number instead of being merged away and split off again under a new id.
            var at = scenes.IndexOf(scene);
            scene = at > 0 ? scenes[at - 1] : AddScene(0);
            index = scene.Blocks.Count;
        }
        var block = new LiveBlock
        {
            Id = op.BlockId, SceneId = scene.Id, Rank = RankAt(scene, index), Type = op.Type!.Value, Text = op.Text ?? "",
        };
        scene.Blocks.Insert(index, block);
        blockById[block.Id] = block;
        // An undo of a deletion brings the id back before its row was deleted: cancel the delete, and outrank the row's
        // version (the script's version bounds every block's) so the upsert overwrites it.
        if (deletedBlocks.Remove(block.Id)) block.Version = version;
        Touch(block, userId);
        NamesMayHaveChanged(block.Type);
        if (block.Rank.Length > MaxRankLength) Respace(scene);
        Normalize(scene);
        return Update(op, userId, [State(block, PreviousInReadingOrder(block))], [], block.Type == ElementType.SceneHeading);
    }

    private EditorUpdate UpdateText(EditOp op, string userId)
    {
        var block = Require(op.BlockId);
        var merged = TextMerge.Merge(op.BaseText!, op.Text!, block.Text);
        if (merged.Length > EditLimits.MaxParagraphChars)
            throw new OpRejectedException($"A paragraph may hold at most {EditLimits.MaxParagraphChars:N0} characters.");
        if (merged != block.Text)
        {
            block.Text = merged;
            Touch(block, userId);
            NamesMayHaveChanged(block.Type);
        }
        return Update(op, userId, [State(block, null)], [], block.Type == ElementType.SceneHeading);
    }

    private EditorUpdate SetType(EditOp op, string userId)
    {
        var block = Require(op.BlockId);
        var type = op.Type!.Value;
        if (block.Type != type)
        {
            var structural = block.Type == ElementType.SceneHeading || type == ElementType.SceneHeading;
            NamesMayHaveChanged(block.Type);
            NamesMayHaveChanged(type);
            block.Type = type;
            // What an import kept (indents, spacing, an unknown Final Draft type, scene properties) describes the old
            // element: Final Draft gives a paragraph the new element's formatting when its element changes, and a kept
            // type would otherwise export the paragraph as its old type. A text edit keeps them.
            block.Extras = null;
            Touch(block, userId);
            if (structural) Normalize(sceneById[block.SceneId]);
        }
        return Update(op, userId, [State(block, null)], [], false);
    }

    private EditorUpdate DeleteBlock(EditOp op)
    {
        var block = Require(op.BlockId);
        var scene = sceneById[block.SceneId];
        scene.Blocks.Remove(block);
        ForgetBlock(block);
        NamesMayHaveChanged(block.Type);
        ContentChanged(scene);
        Normalize(scene);
        return Update(op, null, [], [block.Id], block.Type == ElementType.SceneHeading);
    }

    private EditorUpdate MoveScene(EditOp op)
    {
        var scene = RequireScene(op.SceneId!.Value);
        if (!scene.StartsWithHeading) throw new OpRejectedException("Only a scene that starts with a heading can move.");
        LiveScene? after = null;
        if (op.AfterSceneId is { } afterId) after = RequireScene(afterId);
        else if (scenes.Count > 0 && !scenes[0].StartsWithHeading && scenes[0] != scene) after = scenes[0]; // stays below the untitled opening
        if (after == scene) return Update(op, null, [], [], true);

        scenes.Remove(scene);
        var index = after is null ? 0 : scenes.IndexOf(after) + 1;
        scene.Rank = SceneRankAt(index);
        scenes.Insert(index, scene);
        dirtyScenes.Add(scene.Id);
        if (scene.Rank.Length > MaxRankLength) RespaceScenes();
        return new EditorUpdate(op.OpId, op.Kind.ToString(), null, SnapshotLocked().Blocks, [], true, Resync: true);
    }

    private EditorUpdate DeleteScene(EditOp op)
    {
        var scene = RequireScene(op.SceneId!.Value);
        var deleted = scene.Blocks.Select(b => b.Id).ToList();
        foreach (var block in scene.Blocks) ForgetBlock(block);
        NamesMayHaveChanged(ElementType.SceneHeading);
        scene.Blocks.Clear();
        RemoveScene(scene);
        // The scene after it may now follow an untitled opening or another scene; both are valid as they are.
        return Update(op, null, [], deleted, true);
    }

    private LiveBlock Require(Guid id) =>
        blockById.TryGetValue(id, out var block) ? block : throw new OpRejectedException("That paragraph is not in this script (deleted, or never was).");

    private LiveScene RequireScene(Guid id) =>
        sceneById.TryGetValue(id, out var scene) ? scene : throw new OpRejectedException("That scene is not in this script.");

    private void Touch(LiveBlock block, string userId)
    {
        block.Version++;
        block.UpdatedBy = userId;
        block.UpdatedAt = DateTimeOffset.UtcNow;
        if (revisionMode) block.RevisionColor = revisionColor;
        dirtyBlocks.Add(block.Id);
        ContentChanged(sceneById[block.SceneId]);
    }

    private void ContentChanged(LiveScene scene)
    {
        scene.ContentChangedAt = DateTimeOffset.UtcNow;
        dirtyScenes.Add(scene.Id);
    }

    private void ForgetBlock(LiveBlock block)
    {
        blockById.Remove(block.Id);
        dirtyBlocks.Remove(block.Id);
        deletedBlocks.Add(block.Id);
    }

    private static EditorUpdate Update(EditOp op, string? userId, IReadOnlyList<BlockState> blocks, IReadOnlyList<Guid> deleted, bool structure) =>
        new(op.OpId, op.Kind.ToString(), userId, blocks, deleted, structure, Resync: false);
}
