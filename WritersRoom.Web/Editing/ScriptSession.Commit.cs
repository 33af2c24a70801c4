using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

/// <summary>
/// What one session hands the writer: copies of the rows to write and the operations they make durable.
/// <see cref="Marker"/> is written with the operations, so after a failure whose outcome is unknown (the connection
/// dropped during COMMIT) one look-up says whether the batch landed.
/// </summary>
public sealed record CommitBatch(
    ScriptSession Session,
    IReadOnlyList<SceneRow> Scenes,
    IReadOnlyList<BlockRow> Blocks,
    IReadOnlyList<Guid> DeletedBlocks,
    IReadOnlyList<Guid> DeletedScenes,
    IReadOnlyList<Guid> OpIds,
    IReadOnlyList<(Guid OpId, IEditorClient Client)> Acks,
    long ScriptVersion,
    bool? SceneNumbersLocked = null)
{
    public Guid Marker { get; } = Guid.CreateVersion7();
}

public sealed partial class ScriptSession
{
    // Op id → committed? Resends of an applied op are acked, never applied twice.
    private readonly Dictionary<Guid, bool> applied = [];
    private readonly HashSet<Guid> dirtyBlocks = [];
    private readonly HashSet<Guid> deletedBlocks = [];
    private readonly HashSet<Guid> dirtyScenes = [];
    private readonly HashSet<Guid> deletedScenes = [];
    // Deletions in a batch in flight: still in the database until it commits, but gone here.
    private readonly HashSet<Guid> deletingBlocks = [];
    private readonly HashSet<Guid> deletingScenes = [];
    private List<Guid> pendingOps = [];
    private List<(Guid, IEditorClient)> pendingAcks = [];
    private int batchesInFlight;

    /// <summary>True while something applied here is not yet in the database; such a session is never evicted.</summary>
    public bool HasPendingWrites
    {
        get { lock (gate) return HasPendingWritesLocked; }
    }

    private bool HasPendingWritesLocked =>
        batchesInFlight > 0 || pendingOps.Count > 0 || pendingAcks.Count > 0 || dirtyBlocks.Count > 0
        || deletedBlocks.Count > 0 || dirtyScenes.Count > 0 || deletedScenes.Count > 0;

    /// <summary>Takes everything dirty as row copies (scene hashes recomputed here, off the keystroke path); null if clean.</summary>
    public CommitBatch? TakeBatch()
    {
        lock (gate)
        {
            if (pendingOps.Count == 0 && pendingAcks.Count == 0 && dirtyBlocks.Count == 0 && deletedBlocks.Count == 0
                && dirtyScenes.Count == 0 && deletedScenes.Count == 0) return null;
            var sceneRows = dirtyScenes.Select(id => sceneById[id]).Select(s =>
            {
                s.ContentHash = ContentHash.Of(s.Blocks.Select(b => (b.Type, b.Text)));
                return new SceneRow(s.Id, ScriptId, s.Rank, s.SceneNumber, s.ContentHash, s.ContentChangedAt, !s.InDb);
            }).ToList();
            var blockRows = dirtyBlocks.Select(id =>
            {
                var b = blockById[id];
                // A row that only moved (split, merge, re-spaced ranks) still gets a new version: other instances take
                // a row only when its version is newer than theirs.
                if (b.InDb && b.Version <= b.DbVersion) b.Version = b.DbVersion + 1;
                b.Writing = (b.Version, b.Text);
                return b.ToRow(ScriptId);
            }).ToList();
            var batch = new CommitBatch(this, sceneRows, blockRows,
                [.. deletedBlocks], [.. deletedScenes], pendingOps, pendingAcks, version,
                numberingChanged ? numbersLocked : null);
            numberingChanged = false;
            deletingBlocks.UnionWith(deletedBlocks);
            deletingScenes.UnionWith(deletedScenes);
            dirtyScenes.Clear();
            dirtyBlocks.Clear();
            deletedBlocks.Clear();
            deletedScenes.Clear();
            pendingOps = [];
            pendingAcks = [];
            batchesInFlight++;
            return batch;
        }
    }

    /// <summary>The batch is durable: the rows are the database's now; ack each operation to the editors that sent (or resent) it.</summary>
    public void Committed(CommitBatch batch)
    {
        lock (gate)
        {
            batchesInFlight--;
            foreach (var row in batch.Blocks)
            {
                if (!blockById.TryGetValue(row.Id, out var b)) continue;
                if (b.Writing?.Version == row.Version) b.Writing = null;
                // Another instance's newer row may have arrived meanwhile (built on this one): keep the newer.
                if (!b.InDb || row.Version > b.DbVersion)
                {
                    b.DbVersion = row.Version;
                    b.DbText = row.Text;
                }
                b.InDb = true;
            }
            foreach (var row in batch.Scenes)
                if (sceneById.TryGetValue(row.Id, out var s)) s.InDb = true;
            deletingBlocks.ExceptWith(batch.DeletedBlocks);
            deletingScenes.ExceptWith(batch.DeletedScenes);
            foreach (var id in batch.OpIds) applied[id] = true;
            foreach (var group in batch.Acks.GroupBy(a => a.Client))
                group.Key.OnCommitted(group.Select(a => a.OpId).ToList());
        }
    }

    /// <summary>
    /// New paragraphs whose id another script already uses (a forged id) can never be written under it: they get fresh
    /// ids, keeping their text and place, and the editors resynchronise. The other script is never touched.
    /// </summary>
    public void RenewIds(IReadOnlySet<Guid> ids)
    {
        lock (gate)
        {
            var renewed = false;
            foreach (var id in ids)
            {
                if (!blockById.TryGetValue(id, out var old) || old.InDb) continue;
                var block = new LiveBlock
                {
                    Id = Guid.CreateVersion7(), SceneId = old.SceneId, Rank = old.Rank, Type = old.Type, Text = old.Text,
                    Extension = old.Extension, Dual = old.Dual, Level = old.Level, Version = old.Version,
                    RevisionColor = old.RevisionColor, AiAssisted = old.AiAssisted, Extras = old.Extras, UpdatedBy = old.UpdatedBy,
                    UpdatedAt = old.UpdatedAt,
                };
                var scene = sceneById[old.SceneId];
                scene.Blocks[scene.Blocks.IndexOf(old)] = block;
                blockById.Remove(id);
                blockById[block.Id] = block;
                dirtyBlocks.Remove(id);
                dirtyBlocks.Add(block.Id);
                renewedIds.Add(id);
                renewed = true;
            }
            if (!renewed) return;
            version++;
            Broadcast(new EditorUpdate(Guid.NewGuid(), "Resync", null, SnapshotLocked().Blocks, [], true, Resync: true));
        }
    }

    /// <summary>The write failed: mark it all dirty again (the newest values are written next time), keep the acks waiting.</summary>
    public void Failed(CommitBatch batch)
    {
        lock (gate)
        {
            batchesInFlight--;
            foreach (var s in batch.Scenes) if (sceneById.ContainsKey(s.Id)) dirtyScenes.Add(s.Id);
            foreach (var b in batch.Blocks)
            {
                if (!blockById.TryGetValue(b.Id, out var block)) continue;
                if (block.Writing?.Version == b.Version) block.Writing = null;
                dirtyBlocks.Add(b.Id);
            }
            foreach (var id in batch.DeletedBlocks) if (!blockById.ContainsKey(id)) deletedBlocks.Add(id);
            foreach (var id in batch.DeletedScenes) if (!sceneById.ContainsKey(id)) deletedScenes.Add(id);
            deletingBlocks.ExceptWith(batch.DeletedBlocks);
            deletingScenes.ExceptWith(batch.DeletedScenes);
            pendingOps.InsertRange(0, batch.OpIds);
            pendingAcks.InsertRange(0, batch.Acks);
            if (batch.SceneNumbersLocked is not null) numberingChanged = true;
        }
    }
}
