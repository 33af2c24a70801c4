using WritersRoom.Core.Screenplay;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Comments;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Editing.Comments;

/// <summary>
/// Comment threads on paragraphs. Every method checks the caller's role on the script first (members read,
/// commenters and up write); a paragraph must be one of this script's paragraphs in the live session, and threads
/// and comments are looked up within the script, so an id forged from another script is refused. Each change is
/// told to every editor on the script through the session's fan-out.
/// </summary>
public sealed class CommentService(ScriptAccess access, ScriptSessionRegistry registry, CommentStore store, ILogger<CommentService> log)
{
    public const int MaxLength = 4000;
    private const int ExcerptLength = 90;

    /// <summary>Every thread of the script, in reading order of their paragraphs (threads on deleted paragraphs last).</summary>
    public async Task<IReadOnlyList<CommentThreadView>> ListAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        var rows = await store.ListAsync(scriptId, ct: ct);
        var paragraphs = (await SessionAsync(scriptId, ct)).ParagraphIndex();
        return rows.Where(r => r.ThreadId is null)
            .Select(root => View(root, rows.Where(r => r.Id == root.Id || r.ThreadId == root.Id), paragraphs))
            .OrderBy(t => t.Position ?? int.MaxValue).ThenBy(t => t.Comments[0].CreatedAt)
            .ToList();
    }

    /// <summary>Starts a thread on a paragraph of this script.</summary>
    public async Task<CommentThreadView> AddAsync(string userId, Guid scriptId, Guid blockId, string text, CancellationToken ct = default)
    {
        await RequireCommenterAsync(userId, scriptId, ct);
        text = Validate(text);
        var session = await SessionAsync(scriptId, ct);
        if (!session.ContainsBlock(blockId))
        {
            log.LogWarning("Refused a comment from {UserId} on script {ScriptId}: paragraph {BlockId} is not in it", userId, scriptId, blockId);
            throw new RequestRejectedException("That paragraph is not in this script (deleted, or never was).");
        }
        var comment = new Comment { ScriptId = scriptId, BlockId = blockId, AuthorId = userId, Text = text };
        await store.AddAsync(comment, ct);
        return await PublishAsync(session, comment.Id, ct);
    }

    /// <summary>Answers a thread; answering a resolved thread opens it again.</summary>
    public async Task<CommentThreadView> ReplyAsync(string userId, Guid scriptId, Guid threadId, string text, CancellationToken ct = default)
    {
        await RequireCommenterAsync(userId, scriptId, ct);
        text = Validate(text);
        var root = await store.ThreadRootAsync(scriptId, threadId, ct) ?? throw NoThread(userId, scriptId, threadId);
        await store.AddAsync(new Comment { ScriptId = scriptId, BlockId = root.BlockId, ThreadId = root.Id, AuthorId = userId, Text = text }, ct);
        if (root.Resolved) await store.SetResolvedAsync(scriptId, root.Id, false, userId, ct);
        return await PublishAsync(await SessionAsync(scriptId, ct), root.Id, ct);
    }

    /// <summary>Resolves (or reopens) a thread; anyone who may comment may do either.</summary>
    public async Task<CommentThreadView> SetResolvedAsync(string userId, Guid scriptId, Guid threadId, bool resolved, CancellationToken ct = default)
    {
        await RequireCommenterAsync(userId, scriptId, ct);
        if (!await store.SetResolvedAsync(scriptId, threadId, resolved, userId, ct)) throw NoThread(userId, scriptId, threadId);
        return await PublishAsync(await SessionAsync(scriptId, ct), threadId, ct);
    }

    /// <summary>Deletes a comment its author wrote (an owner may delete any); deleting a thread's first comment deletes the thread.</summary>
    public async Task DeleteAsync(string userId, Guid scriptId, Guid commentId, CancellationToken ct = default)
    {
        var role = await RequireCommenterAsync(userId, scriptId, ct);
        var deleted = await store.DeleteAsync(scriptId, commentId, userId, anyAuthor: role == ScriptRole.Owner, ct)
            ?? throw new RequestRejectedException("That comment is not in this script, or it is not yours to delete.");
        var session = await SessionAsync(scriptId, ct);
        if (deleted.ThreadId is { } threadId) await PublishAsync(session, threadId, ct);
        else session.Publish(new CommentThreadChanged(deleted.Id, null));
    }

    private async Task<ScriptRole> RequireCommenterAsync(string userId, Guid scriptId, CancellationToken ct)
    {
        try
        {
            return await access.RequireAsync(userId, scriptId, ScriptRole.Commenter, ct);
        }
        catch (ScriptAccessDeniedException)
        {
            log.LogWarning("Refused a comment change from {UserId} on script {ScriptId}: not a commenter", userId, scriptId);
            throw new RequestRejectedException("You can read this script's comments but not write them.");
        }
    }

    private RequestRejectedException NoThread(string userId, Guid scriptId, Guid threadId)
    {
        log.LogWarning("Refused a comment change from {UserId} on script {ScriptId}: thread {ThreadId} is not in it", userId, scriptId, threadId);
        return new RequestRejectedException("That comment thread is not in this script.");
    }

    private async Task<CommentThreadView> PublishAsync(ScriptSession session, Guid threadId, CancellationToken ct)
    {
        var rows = await store.ListAsync(session.ScriptId, threadId, ct);
        var root = rows.FirstOrDefault(r => r.Id == threadId) ?? throw new RequestRejectedException("That comment thread was deleted.");
        var view = View(root, rows, session.ParagraphIndex());
        session.Publish(new CommentThreadChanged(threadId, view));
        return view;
    }

    private static CommentThreadView View(CommentRow root, IEnumerable<CommentRow> comments,
        IReadOnlyDictionary<Guid, (int Position, ElementType Type, string Text)> paragraphs)
    {
        var found = paragraphs.TryGetValue(root.BlockId, out var paragraph);
        var excerpt = found ? OneLine(paragraph.Text) : "";
        return new CommentThreadView(root.Id, root.BlockId, root.Resolved, root.ResolvedAt, root.ResolvedByName,
            comments.OrderBy(c => c.CreatedAt).Select(c => new CommentView(c.Id, c.AuthorId, c.AuthorName, c.Text, c.CreatedAt)).ToList(),
            found ? paragraph.Position : null, excerpt, found ? paragraph.Type.Name() : null);
    }

    private async Task<ScriptSession> SessionAsync(Guid scriptId, CancellationToken ct) =>
        await registry.GetAsync(scriptId, ct) ?? throw new ScriptNotFoundException(scriptId);

    private static string Validate(string text)
    {
        text = (text ?? "").Trim();
        if (text.Length == 0) throw new RequestRejectedException("A comment needs some text.");
        if (text.Length > MaxLength) throw new RequestRejectedException($"A comment is at most {MaxLength:N0} characters.");
        return text;
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= ExcerptLength ? line : line[..(ExcerptLength - 1)] + "…";
    }
}
