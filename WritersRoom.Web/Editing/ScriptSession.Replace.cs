using WritersRoom.Core.History;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Editing.History;

namespace WritersRoom.Web.Editing;

/// <summary>A session that was unloaded between the caller finding it and using it; the caller asks the registry again.</summary>
public sealed class SessionClosedException() : Exception("The script's session was unloaded; try again.");

/// <summary>
/// Changes to the whole script at once (restore a version, import over, clear revision marks) and revision mode.
/// Each goes through the live session like any edit: one step under the lock, the script as it was captured first
/// as a snapshot, every attached editor resynchronised, the rows left for the group commit.
/// </summary>
public sealed partial class ScriptSession
{
    public (bool On, string? Color) Revision
    {
        get { lock (gate) return (revisionMode, revisionColor); }
    }

    /// <summary>Switches revision mode for every writer on the script; paragraphs changed from now on get <paramref name="color"/>.</summary>
    public void SetRevision(bool on, string? color)
    {
        lock (gate)
        {
            revisionMode = on;
            revisionColor = color;
            LastActivity = DateTimeOffset.UtcNow;
            var changed = new RevisionChanged(on, color);
            foreach (var client in clients) client.OnEvent(changed);
            fanOut.EventPublished(ScriptId, changed);
        }
    }

    /// <summary>
    /// Replaces the script with <paramref name="target"/>. Paragraphs and scenes keep their ids where the target has
    /// them (comments stay attached), unchanged rows are not rewritten, and every changed paragraph gets a newer
    /// version so editors take the new text and merge into it what their writers typed meanwhile. In revision mode
    /// the changed paragraphs are marked with the current colour. Returns the snapshot of the script as it was.
    /// </summary>
    /// <exception cref="SessionClosedException">The registry unloaded this session; get it again.</exception>
    public PendingSnapshot? Replace(ScriptVersion target, string userId, SnapshotKind beforeKind, string beforeName)
    {
        ArgumentNullException.ThrowIfNull(target);
        PendingSnapshot? before;
        lock (gate)
        {
            if (closed) throw new SessionClosedException();
            LastActivity = DateTimeOffset.UtcNow;
            before = CaptureLocked(beforeKind, beforeName, userId);
            ReplaceLocked(target, userId);
            FinishBulkLocked(userId);
        }
        commits.Enqueue(this);
        return before;
    }

    /// <summary>
    /// Removes every revision mark and AI-assisted mark (the start of a new revision set), after a snapshot of the marked script.
    /// </summary>
    public PendingSnapshot? ClearRevisionMarks(string userId)
    {
        PendingSnapshot? before;
        lock (gate)
        {
            if (closed) throw new SessionClosedException();
            before = CaptureLocked(SnapshotKind.BeforeBulkChange, "Before clearing revision marks", userId);
            foreach (var block in blockById.Values.Where(b => b.RevisionColor is not null || b.AiAssisted))
            {
                block.RevisionColor = null;
                block.AiAssisted = false;
                block.Version++;
                dirtyBlocks.Add(block.Id);
            }
            FinishBulkLocked(userId);
        }
        commits.Enqueue(this);
        return before;
    }

    private void FinishBulkLocked(string userId)
    {
        version++;
        Broadcast(new EditorUpdate(Guid.NewGuid(), "Replace", userId, SnapshotLocked().Blocks, [], Structure: true, Resync: true));
    }

    private void ReplaceLocked(ScriptVersion target, string userId)
    {
        var now = DateTimeOffset.UtcNow;
        var targetScenes = target.Scenes.Where(s => s.Paragraphs.Count > 0).ToList();
        if (targetScenes.Count == 0)
        {
            // A script always has a paragraph to type into.
            targetScenes = [new VersionScene(Guid.CreateVersion7(), Ranks.Sequence(1)[0], null,
                [new VersionParagraph(Guid.CreateVersion7(), Ranks.Sequence(1)[0], ElementType.SceneHeading, "")])];
        }
        var keepScenes = targetScenes.Select(s => s.Id).ToHashSet();
        var keepBlocks = targetScenes.SelectMany(s => s.Paragraphs).Select(p => p.Id).ToHashSet();
        foreach (var block in blockById.Values.Where(b => !keepBlocks.Contains(b.Id)).ToList())
        {
            ForgetBlock(block);
            if (sceneById.TryGetValue(block.SceneId, out var owner)) ContentChanged(owner);
        }
        foreach (var scene in scenes.Where(s => !keepScenes.Contains(s.Id)).ToList())
        {
            sceneById.Remove(scene.Id);
            dirtyScenes.Remove(scene.Id);
            deletedScenes.Add(scene.Id);
        }

        scenes.Clear();
        foreach (var source in targetScenes)
        {
            if (!sceneById.TryGetValue(source.Id, out var scene))
            {
                scene = new LiveScene { Id = source.Id, Rank = source.Rank, ContentChangedAt = now };
                sceneById[scene.Id] = scene;
                deletedScenes.Remove(scene.Id);
                ContentChanged(scene);
            }
            if (scene.Rank != source.Rank || scene.SceneNumber != source.SceneNumber)
            {
                scene.Rank = source.Rank;
                scene.SceneNumber = source.SceneNumber;
                dirtyScenes.Add(scene.Id);
            }
            var before = scene.Blocks.Select(b => b.Id).ToList();
            var contentChanged = false;
            scene.Blocks.Clear();
            foreach (var p in source.Paragraphs)
            {
                var (block, changed) = ReplaceBlockLocked(p, scene.Id, userId, now);
                scene.Blocks.Add(block);
                contentChanged |= changed;
            }
            if (contentChanged || !before.SequenceEqual(scene.Blocks.Select(b => b.Id))) ContentChanged(scene);
            scenes.Add(scene);
        }
        // Stored ranks may come from versions written before later moves; keep them strictly increasing.
        if (!Ordered(scenes.Select(s => s.Rank))) RespaceScenes();
        foreach (var scene in scenes.Where(s => !Ordered(s.Blocks.Select(b => b.Rank)))) Respace(scene);
    }

    /// <summary>The live paragraph for <paramref name="p"/>, updated (or created) to match it; whether its text or type changed.</summary>
    private (LiveBlock Block, bool Changed) ReplaceBlockLocked(VersionParagraph p, Guid sceneId, string userId, DateTimeOffset now)
    {
        if (!blockById.TryGetValue(p.Id, out var block))
        {
            block = new LiveBlock
            {
                Id = p.Id, SceneId = sceneId, Rank = p.Rank, Type = p.Type, Text = p.Text, Extension = p.Extension, Dual = p.Dual,
                Level = p.Level, RevisionColor = revisionMode ? revisionColor : p.RevisionColor, AiAssisted = p.AiAssisted, Extras = p.Extras,
                UpdatedBy = userId, UpdatedAt = now,
                // Newer than any version this id had before it was deleted: the script's version bounds every block's.
                Version = version + 1,
            };
            blockById[block.Id] = block;
            deletedBlocks.Remove(block.Id);
            dirtyBlocks.Add(block.Id);
            return (block, true);
        }
        var textChanged = block.Type != p.Type || block.Text != p.Text || block.Extension != p.Extension || block.Dual != p.Dual || block.Level != p.Level;
        var colour = textChanged && revisionMode ? revisionColor : p.RevisionColor;
        // Extras alone changing is no change a writer sees (no revision mark), but the row is rewritten with them.
        if (!textChanged && block.SceneId == sceneId && block.Rank == p.Rank && block.RevisionColor == colour && block.AiAssisted == p.AiAssisted
            && Equals(block.Extras, p.Extras))
            return (block, false);
        block.Type = p.Type;
        block.Text = p.Text;
        block.Extension = p.Extension;
        block.Dual = p.Dual;
        block.Level = p.Level;
        block.RevisionColor = colour;
        block.AiAssisted = p.AiAssisted;
        block.Extras = p.Extras;
        block.SceneId = sceneId;
        block.Rank = p.Rank;
        block.Version++;
        block.UpdatedBy = userId;
        block.UpdatedAt = now;
        dirtyBlocks.Add(block.Id);
        return (block, textChanged);
    }

    private static bool Ordered(IEnumerable<string> ranks)
    {
        string? previous = null;
        foreach (var rank in ranks)
        {
            if (previous is not null && string.CompareOrdinal(previous, rank) >= 0) return false;
            previous = rank;
        }
        return true;
    }
}
