using WritersRoom.Core.Editing;
using WritersRoom.Core.History;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Editing.History;

namespace WritersRoom.Web.Editing;

/// <summary>
/// History hooks of the live session: copies of the whole script for snapshots (taken under the lock, written by
/// the <see cref="SnapshotWriter"/> off it), the bookkeeping that decides when an automatic one is due, and the
/// fan-out of events other than text (comments, history, revision mode).
/// </summary>
public sealed partial class ScriptSession
{
    private readonly ISnapshotQueue? snapshots;
    private int editsSinceSnapshot;
    private DateTimeOffset? firstEditSinceSnapshot;
    private bool autoSnapshotRequested;

    /// <summary>The whole script as it is now, as an immutable copy.</summary>
    public ScriptVersion Copy()
    {
        lock (gate) return CopyLocked();
    }

    /// <summary>(version, copy) in one step, for a snapshot that names the script version it holds.</summary>
    public (long Version, ScriptVersion Content) VersionedCopy()
    {
        lock (gate) return (version, CopyLocked());
    }

    public bool ContainsBlock(Guid blockId)
    {
        lock (gate) return blockById.ContainsKey(blockId);
    }

    /// <summary>One paragraph's text now, or null if it is not in the script.</summary>
    public string? TextOf(Guid blockId)
    {
        lock (gate) return blockById.TryGetValue(blockId, out var block) ? block.Text : null;
    }

    /// <summary>Where each paragraph is in reading order, with its type and text (comment threads list in script order).</summary>
    public IReadOnlyDictionary<Guid, (int Position, ElementType Type, string Text)> ParagraphIndex()
    {
        lock (gate)
        {
            var index = new Dictionary<Guid, (int, ElementType, string)>(blockById.Count);
            var position = 0;
            foreach (var scene in scenes)
                foreach (var b in scene.Blocks) index[b.Id] = (position++, b.Type, b.Text);
            return index;
        }
    }

    /// <summary>Tells every attached editor, here and on the other instances; implementations only enqueue (see <see cref="IEditorClient"/>).</summary>
    public void Publish(SessionEvent sessionEvent)
    {
        lock (gate)
        {
            foreach (var client in clients) client.OnEvent(sessionEvent);
            fanOut.EventPublished(ScriptId, sessionEvent);
        }
    }

    /// <summary>Another instance's event: told to the editors here (revision mode also switched here), not sent on.</summary>
    public void PublishFromElsewhere(SessionEvent sessionEvent)
    {
        lock (gate)
        {
            if (sessionEvent is RevisionChanged revision)
            {
                revisionMode = revision.On;
                revisionColor = revision.Color;
            }
            foreach (var client in clients) client.OnEvent(sessionEvent);
        }
    }

    /// <summary>Asks for an automatic snapshot if one is due by the time rules (the scheduler calls this now and then).</summary>
    public bool RequestAutoSnapshotIfDue(DateTimeOffset now)
    {
        if (snapshots is null) return false;
        lock (gate)
        {
            if (autoSnapshotRequested || !snapshots.Options.IsDue(editsSinceSnapshot, firstEditSinceSnapshot, LastActivity, now)) return false;
            autoSnapshotRequested = true;
        }
        snapshots.RequestAuto(this);
        return true;
    }

    /// <summary>The copy for an automatic snapshot, the edits it covers now counted as saved; null if nothing changed since.</summary>
    public (long Version, ScriptVersion Content, int Edits)? TakeAutoSnapshot()
    {
        lock (gate)
        {
            autoSnapshotRequested = false;
            if (editsSinceSnapshot == 0) return null;
            var edits = editsSinceSnapshot;
            editsSinceSnapshot = 0;
            firstEditSinceSnapshot = null;
            return (version, CopyLocked(), edits);
        }
    }

    /// <summary>Writing the automatic snapshot failed: its edits count again, so the next check retries.</summary>
    public void AutoSnapshotFailed(int edits)
    {
        lock (gate)
        {
            editsSinceSnapshot += edits;
            firstEditSinceSnapshot ??= DateTimeOffset.UtcNow - (snapshots?.Options.AutoEvery ?? TimeSpan.Zero);
        }
    }

    /// <summary>Takes a copy now and hands it to the history writer (a named version); the task ends when it is stored.</summary>
    public PendingSnapshot? Capture(SnapshotKind kind, string? name, string? userId)
    {
        lock (gate) return CaptureLocked(kind, name, userId);
    }

    /// <summary>One applied edit: counted toward the next automatic snapshot; past the count, one is asked for at once.</summary>
    private void NoteEditLocked()
    {
        editsSinceSnapshot++;
        firstEditSinceSnapshot ??= DateTimeOffset.UtcNow;
        if (snapshots is null || autoSnapshotRequested || editsSinceSnapshot < snapshots.Options.AutoEveryOperations) return;
        autoSnapshotRequested = true;
        // Only enqueues: the copy is taken by the writer's thread, not this writer's keystroke.
        snapshots.RequestAuto(this);
    }

    /// <summary>A bulk operation (deleting a scene) is about to change much at once: keep the script as it was first.</summary>
    private void BeforeBulkOpLocked(EditOp op, string userId)
    {
        if (op.Kind != EditOpKind.DeleteScene || op.SceneId is not { } id || !sceneById.TryGetValue(id, out var scene)) return;
        var heading = scene.StartsWithHeading ? scene.Blocks[0].Text.Trim() : "";
        CaptureLocked(SnapshotKind.BeforeBulkChange, heading.Length > 0 ? $"Before deleting “{Shorten(heading)}”" : "Before deleting a scene", userId);
    }

    private PendingSnapshot? CaptureLocked(SnapshotKind kind, string? name, string? userId)
    {
        if (snapshots is null) return null;
        var pending = new PendingSnapshot(this, kind, name, userId, version, CopyLocked());
        // The copy holds every edit so far: the automatic schedule starts again from here.
        editsSinceSnapshot = 0;
        firstEditSinceSnapshot = null;
        snapshots.Enqueue(pending);
        return pending;
    }

    private ScriptVersion CopyLocked()
    {
        var copy = new List<VersionScene>(scenes.Count);
        foreach (var scene in scenes)
        {
            var paragraphs = new List<VersionParagraph>(scene.Blocks.Count);
            foreach (var b in scene.Blocks)
                paragraphs.Add(new VersionParagraph(b.Id, b.Rank, b.Type, b.Text)
                {
                    Extension = b.Extension, Dual = b.Dual, Level = b.Level, RevisionColor = b.RevisionColor, AiAssisted = b.AiAssisted,
                    Extras = b.Extras,
                });
            copy.Add(new VersionScene(scene.Id, scene.Rank, scene.SceneNumber, paragraphs));
        }
        return new ScriptVersion(copy);
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..59] + "…";
}
