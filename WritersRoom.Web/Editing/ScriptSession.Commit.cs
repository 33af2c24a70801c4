using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

/// <summary>What one session hands the writer: copies of the rows to write and the operations they make durable.</summary>
public sealed record CommitBatch(
    ScriptSession Session,
    IReadOnlyList<SceneRow> Scenes,
    IReadOnlyList<BlockRow> Blocks,
    IReadOnlyList<Guid> DeletedBlocks,
    IReadOnlyList<Guid> DeletedScenes,
    IReadOnlyList<Guid> OpIds,
    IReadOnlyList<(Guid OpId, IEditorClient Client)> Acks,
    long ScriptVersion,
    bool? SceneNumbersLocked = null);

public sealed partial class ScriptSession
{
    // Op id → committed? Resends of an applied op are acked, never applied twice.
    private readonly Dictionary<Guid, bool> applied = [];
    private readonly HashSet<Guid> dirtyBlocks = [];
    private readonly HashSet<Guid> deletedBlocks = [];
    private readonly HashSet<Guid> dirtyScenes = [];
    private readonly HashSet<Guid> deletedScenes = [];
    private List<Guid> pendingOps = [];
    private List<(Guid, IEditorClient)> pendingAcks = [];
    private int batchesInFlight;

    /// <summary>True while something applied here is not yet in the database; such a session is never evicted.</summary>
    public bool HasPendingWrites
    {
        get
        {
            lock (gate) return batchesInFlight > 0 || pendingOps.Count > 0 || pendingAcks.Count > 0 || dirtyBlocks.Count > 0
                || deletedBlocks.Count > 0 || dirtyScenes.Count > 0 || deletedScenes.Count > 0;
        }
    }

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
                return new SceneRow(s.Id, ScriptId, s.Rank, s.SceneNumber, s.ContentHash, s.ContentChangedAt);
            }).ToList();
            var batch = new CommitBatch(this, sceneRows,
                dirtyBlocks.Select(id => blockById[id].ToRow(ScriptId)).ToList(),
                [.. deletedBlocks], [.. deletedScenes], pendingOps, pendingAcks, version,
                numberingChanged ? numbersLocked : null);
            numberingChanged = false;
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

    /// <summary>The batch is durable: ack each operation to the editors that sent (or resent) it.</summary>
    public void Committed(CommitBatch batch)
    {
        lock (gate)
        {
            batchesInFlight--;
            foreach (var id in batch.OpIds) applied[id] = true;
            foreach (var group in batch.Acks.GroupBy(a => a.Client))
                group.Key.OnCommitted(group.Select(a => a.OpId).ToList());
        }
    }

    /// <summary>The write failed: mark it all dirty again (the newest values are written next time), keep the acks waiting.</summary>
    public void Failed(CommitBatch batch)
    {
        lock (gate)
        {
            batchesInFlight--;
            foreach (var s in batch.Scenes) if (sceneById.ContainsKey(s.Id)) dirtyScenes.Add(s.Id);
            foreach (var b in batch.Blocks) if (blockById.ContainsKey(b.Id)) dirtyBlocks.Add(b.Id);
            foreach (var id in batch.DeletedBlocks) if (!blockById.ContainsKey(id)) deletedBlocks.Add(id);
            foreach (var id in batch.DeletedScenes) if (!sceneById.ContainsKey(id)) deletedScenes.Add(id);
            pendingOps.InsertRange(0, batch.OpIds);
            pendingAcks.InsertRange(0, batch.Acks);
            if (batch.SceneNumbersLocked is not null) numberingChanged = true;
        }
    }
}
