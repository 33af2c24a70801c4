using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Scripts;

namespace WritersRoom.Web.Editing;

/// <summary>
/// Rows another instance wrote for this script (after its commit), or the database's whole script for a resync.
/// <see cref="BlockRow.ExpectedVersion"/> is the version the row replaced, when known.
/// </summary>
public sealed record RemoteChange(
    IReadOnlyList<SceneRow> Scenes,
    IReadOnlyList<BlockRow> Blocks,
    IReadOnlyList<Guid> DeletedBlocks,
    IReadOnlyList<Guid> DeletedScenes,
    IReadOnlyList<Guid> OpIds,
    bool? SceneNumbersLocked = null)
{
    public static RemoteChange From(CommitBatch batch) =>
        new(batch.Scenes, batch.Blocks, batch.DeletedBlocks, batch.DeletedScenes, batch.OpIds, batch.SceneNumbersLocked);

    /// <summary>The script as the database holds it now.</summary>
    public static RemoteChange From(ScriptDocument document) => new(
        document.Scenes.Select(s => new SceneRow(s.Scene.Id, s.Scene.ScriptId, s.Scene.Rank, s.Scene.SceneNumber, s.Scene.ContentHash,
            s.Scene.ContentChangedAt)).ToList(),
        document.Scenes.SelectMany(s => s.Blocks).Select(b => new BlockRow(b.Id, b.ScriptId, b.SceneId, b.Rank, b.Type, b.Text, b.Extension,
            b.Dual, b.Level, b.Version, b.RevisionColor, b.Extras, b.UpdatedAt, b.UpdatedBy, null, b.AiAssisted)).ToList(),
        [], [], [], document.Script.SceneNumbersLocked);
}

public enum RemoteOutcome
{
    Applied,
    /// <summary>The change refers to something this session never heard of: an earlier message was missed.</summary>
    NeedsResync,
}

/// <summary>
/// Another instance's writes, merged into this live copy. The database orders the writes: a row is taken only if its
/// version is newer than the one this session last knew there. Where this session has changes of its own not yet
/// written, the other instance's text is merged with them (three-way, from the last common database version) and the
/// result is written next, on top of the other instance's version; where it has none, the row is taken as it is.
/// A paragraph deleted elsewhere is deleted here (as a local edit of a deleted paragraph is refused).
/// </summary>
public sealed partial class ScriptSession
{
    public RemoteOutcome ApplyRemote(RemoteChange change) => Rebase(change, whole: false);

    /// <summary>Brings the session level with the database after messages may have been missed (Redis was away).</summary>
    public void Reconcile(ScriptDocument document)
    {
        Rebase(RemoteChange.From(document), whole: true);
        var script = document.Script;
        lock (gate)
        {
            // Revision mode switched on another instance while its message was missed.
            if (closed || (revisionMode == script.RevisionMode && revisionColor == script.RevisionColor)) return;
            revisionMode = script.RevisionMode;
            revisionColor = script.RevisionColor;
            foreach (var client in clients) client.OnEvent(new RevisionChanged(revisionMode, revisionColor));
        }
    }

    private RemoteOutcome Rebase(RemoteChange change, bool whole)
    {
        bool enqueue;
        lock (gate)
        {
            if (closed) return RemoteOutcome.Applied;
            var sceneRows = change.Scenes.ToDictionary(s => s.Id);
            if (!whole && change.Blocks.Any(r => !sceneById.ContainsKey(r.SceneId) && !sceneRows.ContainsKey(r.SceneId)
                    && !deletingScenes.Contains(r.SceneId) && !deletedBlocks.Contains(r.Id) && !deletingBlocks.Contains(r.Id)))
                return RemoteOutcome.NeedsResync;

            LastActivity = DateTimeOffset.UtcNow;
            foreach (var op in change.OpIds) applied.TryAdd(op, true);
            // The lock on scene numbers travels with the commit that changed it (ours, unwritten, wins).
            if (change.SceneNumbersLocked is { } locked && !numberingChanged) numbersLocked = locked;
            var rebase = new RebaseState();
            RebaseScenes(change, rebase);
            RebaseBlocks(change, whole, sceneRows, rebase);
            RemoveScenesDeletedElsewhere(change, whole, rebase);
            foreach (var scene in rebase.Normalize)
                if (sceneById.ContainsKey(scene.Id)) Normalize(scene);
            enqueue = rebase.Enqueue || rebase.Normalize.Count > 0;
            if (rebase.Changed) BroadcastRebase(rebase, whole);
        }
        if (enqueue) commits.Enqueue(this);
        return RemoteOutcome.Applied;
    }

    private sealed class RebaseState
    {
        public readonly List<LiveBlock> Inserted = [];
        public readonly List<LiveBlock> Updated = [];
        public readonly List<Guid> Deleted = [];
        public readonly List<(LiveBlock Block, Guid? PreviousBefore)> Moved = [];
        public readonly HashSet<LiveScene> Normalize = [];
        public bool ScenesChanged;
        public bool ScenesReordered;
        public bool Enqueue;
        public bool Changed => Inserted.Count > 0 || Updated.Count > 0 || Deleted.Count > 0 || ScenesChanged || ScenesReordered;
    }

    private void RebaseScenes(RemoteChange change, RebaseState rebase)
    {
        var added = false;
        foreach (var row in change.Scenes)
        {
            if (deletedScenes.Contains(row.Id) || deletingScenes.Contains(row.Id)) continue; // our delete of it follows
            if (sceneById.TryGetValue(row.Id, out var scene))
            {
                scene.InDb = true;
                if (dirtyScenes.Contains(row.Id)) continue; // ours is about to be written over it
                if (scene.Rank != row.Rank)
                {
                    scene.Rank = row.Rank;
                    rebase.ScenesReordered = true;
                }
                if (scene.SceneNumber != row.SceneNumber) rebase.ScenesChanged = true;
                scene.SceneNumber = row.SceneNumber;
                scene.ContentHash = row.ContentHash;
                scene.ContentChangedAt = row.ContentChangedAt;
            }
            else
            {
                AddKnownScene(row);
                added = true;
            }
        }
        if (rebase.ScenesReordered || added)
        {
            var before = scenes.Select(s => s.Id).ToList();
            SortScenes();
            rebase.ScenesChanged |= added;
            // A new scene slotting in is not a move; an existing scene changing place is.
            rebase.ScenesReordered = !before.SequenceEqual(scenes.Where(s => before.Contains(s.Id)).Select(s => s.Id));
        }
    }

    private void RebaseBlocks(RemoteChange change, bool whole, Dictionary<Guid, SceneRow> sceneRows, RebaseState rebase)
    {
        foreach (var row in change.Blocks)
        {
            if (deletedBlocks.Contains(row.Id) || deletingBlocks.Contains(row.Id)) continue; // deleted here: our delete follows
            if (!sceneById.TryGetValue(row.SceneId, out var target))
            {
                // We are removing that scene (a merge) while the other instance put a paragraph in it: keep the scene
                // for now; normalizing merges it (with the newcomer) into the scene before, and the delete is retried.
                if (!deletedScenes.Remove(row.SceneId) || !sceneRows.TryGetValue(row.SceneId, out var sceneRow)) continue;
                target = AddKnownScene(sceneRow);
                SortScenes();
                rebase.Normalize.Add(target);
                rebase.ScenesChanged = true;
            }
            if (blockById.TryGetValue(row.Id, out var block)) RebaseBlock(block, row, target, rebase);
            else
            {
                block = new LiveBlock
                {
                    Id = row.Id, SceneId = target.Id, Rank = row.Rank, Type = row.Type, Text = row.Text, Extension = row.Extension,
                    Dual = row.Dual, Level = row.Level, Version = row.Version, RevisionColor = row.RevisionColor, AiAssisted = row.AiAssisted,
                    Extras = row.Extras,
                    UpdatedAt = row.UpdatedAt, UpdatedBy = row.UpdatedBy, InDb = true, DbVersion = row.Version, DbText = row.Text,
                };
                Place(target, block);
                blockById[block.Id] = block;
                rebase.Inserted.Add(block);
            }
        }

        var gone = change.DeletedBlocks.Where(blockById.ContainsKey).ToList();
        if (whole)
        {
            var inDb = change.Blocks.Select(b => b.Id).ToHashSet();
            gone.AddRange(blockById.Values.Where(b => b.InDb && !inDb.Contains(b.Id)).Select(b => b.Id));
        }
        foreach (var id in gone.Distinct())
        {
            var block = blockById[id];
            sceneById[block.SceneId].Blocks.Remove(block);
            blockById.Remove(id);
            dirtyBlocks.Remove(id);
            rebase.Deleted.Add(id);
        }
    }

    private void RebaseBlock(LiveBlock block, BlockRow row, LiveScene target, RebaseState rebase)
    {
        if (block.InDb && row.Version <= block.DbVersion) return; // known already, or older than what we know
        if (!block.InDb)
        {
            // Our insert landed after all (its batch's outcome was unknown): the row is ours.
            block.InDb = true;
            block.DbVersion = row.Version;
            block.DbText = row.Text;
            if (block.Text != row.Text) MarkRebased(block, row, rebase);
            return;
        }
        // The base of our unwritten change: the row we are writing if that is what the database now holds (a resync read
        // it before our commit returned) or what the other instance built on, else the last version we know is there.
        var baseText = block.Writing is { } writing
            && (row.ExpectedVersion == writing.Version || (row.Version == writing.Version && row.Text == writing.Text))
            ? writing.Text : block.DbText;
        var ownText = block.Text != baseText;
        var ownRow = dirtyBlocks.Contains(block.Id) || block.Writing is not null;
        var merged = ownText ? TextMerge.Merge(baseText, block.Text, row.Text) : row.Text;
        block.DbVersion = row.Version;
        block.DbText = row.Text;
        if (!ownRow)
        {
            if (block.SceneId != row.SceneId || block.Rank != row.Rank)
            {
                var previous = PreviousInReadingOrder(block);
                sceneById[block.SceneId].Blocks.Remove(block);
                block.SceneId = target.Id;
                block.Rank = row.Rank;
                Place(target, block);
                rebase.Moved.Add((block, previous));
            }
            block.Type = row.Type;
            block.Extras = row.Extras; // they belong to the type they came with
            block.Extension = row.Extension;
            block.Dual = row.Dual;
            block.Level = row.Level;
            block.RevisionColor = row.RevisionColor;
            block.AiAssisted = row.AiAssisted;
            block.UpdatedAt = row.UpdatedAt;
            block.UpdatedBy = row.UpdatedBy;
        }
        block.Text = merged;
        if (ownText || ownRow) MarkRebased(block, row, rebase);
        else block.Version = row.Version;
        rebase.Updated.Add(block);
    }

    /// <summary>Our change goes on top of the other instance's row: a newer version, written next.</summary>
    private void MarkRebased(LiveBlock block, BlockRow row, RebaseState rebase)
    {
        block.Version = Math.Max(block.Version, row.Version) + 1;
        dirtyBlocks.Add(block.Id);
        ContentChanged(sceneById[block.SceneId]);
        rebase.Enqueue = true;
    }

    private void RemoveScenesDeletedElsewhere(RemoteChange change, bool whole, RebaseState rebase)
    {
        var gone = change.DeletedScenes.Where(sceneById.ContainsKey).ToList();
        if (whole)
        {
            var inDb = change.Scenes.Select(s => s.Id).ToHashSet();
            gone.AddRange(scenes.Where(s => s.InDb && !inDb.Contains(s.Id)).Select(s => s.Id));
        }
        foreach (var id in gone.Distinct())
        {
            var scene = sceneById[id];
            rebase.ScenesChanged = true;
            if (scene.Blocks.Count == 0)
            {
                scenes.Remove(scene);
                sceneById.Remove(id);
                dirtyScenes.Remove(id);
                continue;
            }
            // Paragraphs written here since are still in it: the scene is created again rather than losing them.
            scene.InDb = false;
            dirtyScenes.Add(id);
            rebase.Normalize.Add(scene);
        }
    }

    private void BroadcastRebase(RebaseState rebase, bool whole)
    {
        version++;
        var moved = rebase.Moved.Any(m => blockById.ContainsKey(m.Block.Id) && PreviousInReadingOrder(m.Block) != m.PreviousBefore);
        if (whole || moved || rebase.ScenesReordered)
        {
            Broadcast(new EditorUpdate(Guid.NewGuid(), "Resync", null, SnapshotLocked().Blocks, [], true, Resync: true));
            return;
        }
        var inserted = rebase.Inserted.ToHashSet();
        var states = new List<BlockState>(rebase.Inserted.Count + rebase.Updated.Count);
        if (inserted.Count > 0)
        {
            // In reading order, so each new paragraph's predecessor is already in the editor when it arrives.
            foreach (var block in scenes.SelectMany(s => s.Blocks).Where(inserted.Contains))
                states.Add(State(block, PreviousInReadingOrder(block)));
        }
        foreach (var block in rebase.Updated.Where(b => blockById.ContainsKey(b.Id) && !inserted.Contains(b)))
            states.Add(State(block, null));
        var headings = rebase.Inserted.Concat(rebase.Updated).Any(b => b.Type == ElementType.SceneHeading);
        Broadcast(new EditorUpdate(Guid.NewGuid(), inserted.Count > 0 ? nameof(EditOpKind.InsertBlock) : "Remote", null, states,
            rebase.Deleted, rebase.ScenesChanged || rebase.Deleted.Count > 0 || headings, Resync: false));
    }

    private LiveScene AddKnownScene(SceneRow row)
    {
        var scene = new LiveScene
        {
            Id = row.Id, Rank = row.Rank, SceneNumber = row.SceneNumber, ContentHash = row.ContentHash,
            ContentChangedAt = row.ContentChangedAt, InDb = true,
        };
        scenes.Add(scene);
        sceneById[scene.Id] = scene;
        return scene;
    }

    private void SortScenes() => scenes.Sort((a, b) =>
    {
        var c = string.CompareOrdinal(a.Rank, b.Rank);
        return c != 0 ? c : a.Id.CompareTo(b.Id);
    });

    /// <summary>Puts a paragraph at its rank (ties broken by id, the same way on every instance).</summary>
    private static void Place(LiveScene scene, LiveBlock block)
    {
        var index = scene.Blocks.FindIndex(b =>
        {
            var c = string.CompareOrdinal(block.Rank, b.Rank);
            return c < 0 || (c == 0 && block.Id.CompareTo(b.Id) < 0);
        });
        if (index < 0) scene.Blocks.Add(block);
        else scene.Blocks.Insert(index, block);
    }
}
