using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Scripts;
using WritersRoom.Web.Editing.History;

namespace WritersRoom.Web.Editing;

/// <summary>
/// The authoritative in-memory copy of one script on this instance, shared by every writer who opens it.
/// Operations are applied one at a time under <see cref="gate"/> (pure CPU, no I/O), fanned out to the attached
/// editors, and left dirty for the <see cref="GroupCommitWriter"/>, which writes them in batches and then acks.
/// </summary>
public sealed partial class ScriptSession
{
    private readonly Lock gate = new();
    private readonly List<LiveScene> scenes = [];
    private readonly Dictionary<Guid, LiveScene> sceneById = [];
    private readonly Dictionary<Guid, LiveBlock> blockById = [];
    private readonly List<IEditorClient> clients = [];
    private readonly ICommitQueue commits;
    private readonly IEditingFanOut fanOut;
    private long version;
    private bool revisionMode;
    private string? revisionColor;
    private bool numbersLocked;

    public Guid ScriptId { get; }
    public string Title { get; }
    public DateTimeOffset LastActivity { get; private set; } = DateTimeOffset.UtcNow;

    public ScriptSession(ScriptDocument document, ICommitQueue commits, ISnapshotQueue? snapshots = null, IEditingFanOut? fanOut = null)
    {
        this.commits = commits;
        this.snapshots = snapshots;
        this.fanOut = fanOut ?? NoFanOut.Instance;
        ScriptId = document.Script.Id;
        Title = document.Script.Title;
        version = document.Script.Version;
        revisionMode = document.Script.RevisionMode;
        revisionColor = document.Script.RevisionColor;
        numbersLocked = document.Script.SceneNumbersLocked;
        foreach (var sceneDocument in document.Scenes)
        {
            var s = sceneDocument.Scene;
            var scene = new LiveScene
            {
                Id = s.Id, Rank = s.Rank, SceneNumber = s.SceneNumber, ContentHash = s.ContentHash, ContentChangedAt = s.ContentChangedAt,
                InDb = true,
            };
            foreach (var b in sceneDocument.Blocks)
            {
                var block = new LiveBlock
                {
                    Id = b.Id, SceneId = s.Id, Rank = b.Rank, Type = b.Type, Text = b.Text, Extension = b.Extension, Dual = b.Dual,
                    Level = b.Level, Version = b.Version, RevisionColor = b.RevisionColor, AiAssisted = b.AiAssisted, Extras = b.Extras,
                    UpdatedBy = b.UpdatedBy, UpdatedAt = b.UpdatedAt,
                    InDb = true, DbVersion = b.Version, DbText = b.Text,
                };
                scene.Blocks.Add(block);
                blockById[block.Id] = block;
            }
            scenes.Add(scene);
            sceneById[scene.Id] = scene;
        }
    }

    public int ClientCount { get { lock (gate) return clients.Count; } }
    public long Version { get { lock (gate) return version; } }

    private bool closed;

    /// <summary>
    /// Adds an editor and returns the script as it is now, atomically: no update falls between the two.
    /// Null if the registry just unloaded this session (the caller asks the registry again).
    /// </summary>
    public EditorSnapshot? TryAttach(IEditorClient client)
    {
        lock (gate)
        {
            if (closed) return null;
            clients.Add(client);
            LastActivity = DateTimeOffset.UtcNow;
            return SnapshotLocked();
        }
    }

    public void Detach(IEditorClient client)
    {
        lock (gate)
        {
            clients.Remove(client);
            var wasPresent = presence.Remove(client);
            LastActivity = DateTimeOffset.UtcNow;
            if (wasPresent) PresenceChangedLocked();
            else BroadcastPresenceLocked();
        }
    }

    /// <summary>Closes the session if nobody is on it and everything is written; a closed session takes no one.</summary>
    public bool TryClose(TimeSpan idleFor)
    {
        lock (gate)
        {
            if (closed) return true;
            if (clients.Count > 0 || DateTimeOffset.UtcNow - LastActivity < idleFor) return false;
            if (HasPendingWritesLocked) return false;
            closed = true;
            return true;
        }
    }

    public EditorSnapshot Snapshot()
    {
        lock (gate) return SnapshotLocked();
    }

    private EditorSnapshot SnapshotLocked()
    {
        var blocks = new List<BlockState>(blockById.Count);
        Guid? previous = null;
        foreach (var scene in scenes)
        {
            foreach (var b in scene.Blocks)
            {
                blocks.Add(State(b, previous));
                previous = b.Id;
            }
        }
        return new EditorSnapshot(ScriptId, version, blocks);
    }

    /// <summary>Plain (type, text) paragraphs in reading order: for tests, page counts and type-ahead lists.</summary>
    public IReadOnlyList<(Guid Id, ElementType Type, string Text)> Paragraphs()
    {
        lock (gate) return scenes.SelectMany(s => s.Blocks).Select(b => (b.Id, b.Type, b.Text)).ToList();
    }

    private static BlockState State(LiveBlock b, Guid? after) =>
        new(b.Id, b.Type.Name(), b.Text, b.Version, after, b.RevisionColor, b.AiAssisted);

    private Guid? PreviousInReadingOrder(LiveBlock block)
    {
        var scene = sceneById[block.SceneId];
        var i = scene.Blocks.IndexOf(block);
        if (i > 0) return scene.Blocks[i - 1].Id;
        for (var s = scenes.IndexOf(scene) - 1; s >= 0; s--)
            if (scenes[s].Blocks.Count > 0) return scenes[s].Blocks[^1].Id;
        return null;
    }

    private void Broadcast(EditorUpdate update)
    {
        foreach (var client in clients) client.OnUpdate(update);
    }
}
