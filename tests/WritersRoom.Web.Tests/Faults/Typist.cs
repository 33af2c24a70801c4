using System.Diagnostics;
using WritersRoom.Core.Editing;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Faults;

/// <summary>
/// A writer typing at the end of one paragraph of their own, one operation per character (each based on the text
/// the previous one left), so the text every character must end in is known exactly. Records how long each submit
/// took and when each operation was acknowledged.
/// </summary>
internal sealed class Typist(EditorConnection connection, RecordingClient client, Guid paragraph, string text)
{
    private readonly List<(Guid OpId, long SubmittedAt, double SubmitMs)> sent = [];

    public EditorConnection Connection => connection;
    public RecordingClient Client => client;
    public Guid Paragraph => paragraph;
    public string Expected { get; private set; } = text;
    public IReadOnlyList<Guid> Sent => sent.Select(s => s.OpId).ToList();
    public bool AllAcknowledged => sent.All(s => client.CommittedAt.ContainsKey(s.OpId));

    public static async Task<Typist> OpenAsync(EditorService editor, Guid scriptId, string userId, string name, int paragraphIndex)
    {
        var client = new RecordingClient();
        var connection = await editor.OpenAsync(scriptId, userId, name, client);
        var block = connection.Snapshot.Blocks[paragraphIndex];
        return new Typist(connection, client, block.Id, block.Text);
    }

    /// <summary>Types one character; returns the operation sent.</summary>
    public async Task<EditOp> TypeAsync(char c)
    {
        var op = EditOp.Update(paragraph, 0, Expected, Expected + c);
        var started = Stopwatch.GetTimestamp();
        await connection.SubmitAsync([op]);
        sent.Add((op.OpId, started, Stopwatch.GetElapsedTime(started).TotalMilliseconds));
        Expected += c;
        return op;
    }

    public IEnumerable<double> SubmitTimes => sent.Select(s => s.SubmitMs);

    /// <summary>From submit to acknowledgement, for the operations acknowledged.</summary>
    public IEnumerable<double> AckLatencies => sent.Where(s => client.CommittedAt.ContainsKey(s.OpId))
        .Select(s => Stopwatch.GetElapsedTime(s.SubmittedAt, client.CommittedAt[s.OpId]).TotalMilliseconds);
}
