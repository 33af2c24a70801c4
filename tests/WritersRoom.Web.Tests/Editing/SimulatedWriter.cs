using System.Collections.Concurrent;
using WritersRoom.Core.Editing;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Tests.Editing;

/// <summary>
/// A writer as the browser bundle behaves (ClientApp/src/sync.js): a local copy of each paragraph, the server's
/// text it was based on (shadow), at most one operation in flight per paragraph, unacknowledged operations kept
/// for a resend, messages processed only when it "gets round to it" (so they arrive late and interleave).
/// </summary>
public sealed class SimulatedWriter(string name, string userId, EditorService editor, Guid scriptId) : IEditorClient
{
    private sealed class Paragraph
    {
        public string Local = "";
        public string Shadow = "";
        public long Version;
        public (Guid OpId, string Mine)? InFlight;
    }

    private readonly ConcurrentQueue<object> inbox = new();
    private readonly Dictionary<Guid, Paragraph> paragraphs = [];
    private readonly List<EditOp> unacked = [];
    private readonly HashSet<Guid> committed = [];
    private EditorConnection? connection;

    public string Name => name;
    public bool Online => connection is not null;
    public List<OpRejection> Rejections { get; } = [];
    public int Unacked { get { lock (unacked) return unacked.Count; } }
    public bool Idle => inbox.IsEmpty && Unacked == 0 && paragraphs.Values.All(p => p.InFlight is null && p.Local == p.Shadow);
    public IReadOnlyDictionary<Guid, string> Texts => paragraphs.ToDictionary(p => p.Key, p => p.Value.Local);
    /// <summary>The server version each paragraph's copy is based on.</summary>
    public IReadOnlyDictionary<Guid, long> Versions => paragraphs.ToDictionary(p => p.Key, p => p.Value.Version);

    public async Task ConnectAsync()
    {
        connection = await editor.OpenAsync(scriptId, userId, name, this);
        List<EditOp> resend;
        lock (unacked) resend = [.. unacked];
        if (resend.Count > 0) await connection.SubmitAsync(resend, resend: true);
        // Everything of ours is on the server now: start again from its copy, with what was typed beyond the operations
        // merged on top. The basis is what the server has from us: the in-flight text, else the shadow.
        foreach (var block in connection.Session.Snapshot().Blocks)
        {
            if (paragraphs.TryGetValue(block.Id, out var p)) p.Local = TextMerge.Merge(p.InFlight?.Mine ?? p.Shadow, p.Local, block.Text);
            else p = paragraphs[block.Id] = new Paragraph { Local = block.Text };
            p.Shadow = block.Text;
            p.Version = block.Version;
            p.InFlight = null;
        }
        // What differs from the copy goes out as new operations.
        foreach (var id in paragraphs.Keys.ToList()) await FlushAsync(id);
    }

    public void Disconnect()
    {
        connection?.Dispose();
        connection = null;
        inbox.Clear(); // messages in flight on a dropped connection are lost
    }

    public async Task TypeAsync(Guid id, int at, string text)
    {
        var p = paragraphs[id];
        p.Local = p.Local.Insert(Math.Min(at, p.Local.Length), text);
        await FlushAsync(id);
    }

    /// <summary>
    /// Types, and the connection drops while the operation is on its way: the server never gets it, the writer
    /// keeps it as unacknowledged and resends it on the next connect.
    /// </summary>
    public void TypeAndLoseTheSend(Guid id, int at, string text)
    {
        var p = paragraphs[id];
        p.Local = p.Local.Insert(Math.Min(at, p.Local.Length), text);
        if (connection is not null && p.InFlight is null)
        {
            var op = EditOp.Update(id, p.Version, p.Shadow, p.Local);
            lock (unacked) unacked.Add(op);
            p.InFlight = (op.OpId, op.Text!);
        }
        Disconnect();
    }

    public async Task DeleteAsync(Guid id, int at, int count)
    {
        var p = paragraphs[id];
        p.Local = p.Local.Remove(at, count);
        await FlushAsync(id);
    }

    public string TextOf(Guid id) => paragraphs[id].Local;

    /// <summary>
    /// A new paragraph with <paramref name="text"/> after <paramref name="after"/>, as Enter then typing does. Offline,
    /// the operation waits with the unacknowledged ones for the next connect, as the browser keeps it.
    /// </summary>
    public async Task<Guid> InsertAsync(Guid after, string text)
    {
        var id = Guid.NewGuid();
        var op = EditOp.Insert(id, after, WritersRoom.Core.Screenplay.ElementType.Action, text);
        var p = paragraphs[id] = new Paragraph { Local = text, Shadow = text, InFlight = (op.OpId, text) };
        await SendAsync(id, p, op, trackInFlight: false);
        return id;
    }

    /// <summary>Handles every message received so far, then sends what the local copy has beyond the server's.</summary>
    public async Task ReceiveAsync()
    {
        while (inbox.TryDequeue(out var message))
        {
            switch (message)
            {
                case EditorUpdate update:
                    Apply(update);
                    break;
                case IReadOnlyList<Guid> acked:
                    lock (unacked) unacked.RemoveAll(o => acked.Contains(o.OpId));
                    foreach (var id in acked) committed.Add(id);
                    break;
            }
        }
        foreach (var id in paragraphs.Keys.ToList()) await FlushAsync(id);
    }

    private void Apply(EditorUpdate update)
    {
        foreach (var id in update.Deleted) paragraphs.Remove(id);
        if (update.Resync)
        {
            // The whole script: what is not in it is gone, except our own new paragraph still on its way.
            var present = update.Blocks.Select(b => b.Id).ToHashSet();
            foreach (var id in paragraphs.Where(p => !present.Contains(p.Key) && !(p.Value.Version == 0 && p.Value.InFlight is not null))
                         .Select(p => p.Key).ToList())
                paragraphs.Remove(id);
        }
        foreach (var block in update.Blocks)
        {
            if (!paragraphs.TryGetValue(block.Id, out var p))
            {
                if (update.Kind == nameof(EditOpKind.InsertBlock) || update.Resync)
                    paragraphs[block.Id] = new Paragraph { Local = block.Text, Shadow = block.Text, Version = block.Version };
                continue;
            }
            if (p.InFlight is { } mine && mine.OpId == update.OpId)
            {
                p.Local = TextMerge.Merge(mine.Mine, p.Local, block.Text);
                p.InFlight = null;
            }
            else if (block.Version > p.Version)
            {
                // Another writer's change, applied before ours on the server: the server will merge our in-flight
                // change onto it, so our idea of "what we sent" moves onto it too (else its echo would double it).
                if (p.InFlight is { } pending) p.InFlight = (pending.OpId, TextMerge.Merge(p.Shadow, pending.Mine, block.Text));
                p.Local = TextMerge.Merge(p.Shadow, p.Local, block.Text);
            }
            else continue;
            p.Shadow = block.Text;
            p.Version = block.Version;
        }
    }

    private async Task FlushAsync(Guid id)
    {
        if (connection is null || !paragraphs.TryGetValue(id, out var p) || p.InFlight is not null || p.Local == p.Shadow) return;
        await SendAsync(id, p, EditOp.Update(id, p.Version, p.Shadow, p.Local), trackInFlight: true);
    }

    private async Task SendAsync(Guid id, Paragraph p, EditOp op, bool trackInFlight)
    {
        lock (unacked) unacked.Add(op);
        if (trackInFlight) p.InFlight = (op.OpId, op.Text!);
        if (connection is not null) await connection.SubmitAsync([op]);
    }

    void IEditorClient.OnUpdate(EditorUpdate update) => inbox.Enqueue(update);
    void IEditorClient.OnCommitted(IReadOnlyList<Guid> opIds) => inbox.Enqueue(opIds);
    void IEditorClient.OnRejected(OpRejection rejection) { lock (Rejections) Rejections.Add(rejection); }
    void IEditorClient.OnPresence(IReadOnlyList<PresenceEntry> presence) { }
}
