using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Components.Editor;

/// <summary>
/// What the browser's editor gets back from a call into the server: done (<c>ok</c>), not now (<c>retry</c>: the
/// database did not answer, too many requests; the editor keeps what it sent and tries again after a pause), or refused
/// for good (<c>stop</c>: the writer lost the right to edit; the editor shows <see cref="Reason"/> and sends nothing
/// more). A reply rather than an exception: outside development the browser only ever sees "there was an exception".
/// </summary>
public sealed record EditorReply(string Status, string? Reason = null, EditorSnapshot? Snapshot = null)
{
    public const string Ok = "ok";
    public const string Again = "retry";
    public const string Refused = "stop";

    public static EditorReply Done { get; } = new(Ok);

    public static EditorReply With(EditorSnapshot snapshot) => new(Ok, Snapshot: snapshot);

    public static EditorReply Retry(string reason) => new(Again, reason);

    public static EditorReply Stop(string reason) => new(Refused, reason);
}
