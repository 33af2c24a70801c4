using Microsoft.EntityFrameworkCore;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Comments;

/// <summary>One comment as the panel shows it, with its author's name.</summary>
public sealed record CommentRow(Guid Id, Guid BlockId, Guid? ThreadId, string AuthorId, string AuthorName, string Text, bool Resolved,
    string? ResolvedByName, DateTimeOffset? ResolvedAt, DateTimeOffset CreatedAt);

/// <summary>
/// Comments of scripts. Every statement is filtered by script as well as by id, so an id from another script
/// matches nothing; the caller's role is checked by the service above before any of these run.
/// </summary>
public sealed class CommentStore(IDbContextFactory<WritersRoomDbContext> factory)
{
    /// <summary>Every comment of a script (or of one thread), oldest first, with author names: one query.</summary>
    public async Task<IReadOnlyList<CommentRow>> ListAsync(Guid scriptId, Guid? threadId = null, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var comments = db.Comments.AsNoTracking().Where(c => c.ScriptId == scriptId);
        if (threadId is { } thread) comments = comments.Where(c => c.Id == thread || c.ThreadId == thread);
        return await (
                from c in comments
                join u in db.Users on c.AuthorId equals u.Id into users
                from u in users.DefaultIfEmpty()
                join r in db.Users on c.ResolvedById equals r.Id into resolvers
                from r in resolvers.DefaultIfEmpty()
                orderby c.CreatedAt, c.Id
                select new CommentRow(c.Id, c.BlockId, c.ThreadId, c.AuthorId, u == null ? "Former member" : u.DisplayName ?? u.Email ?? "Writer",
                    c.Text, c.Resolved, r == null ? null : r.DisplayName ?? r.Email, c.ResolvedAt, c.CreatedAt))
            .ToListAsync(ct);
    }

    /// <summary>The first comment of a thread of this script, or null.</summary>
    public async Task<Comment?> ThreadRootAsync(Guid scriptId, Guid threadId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Comments.AsNoTracking().FirstOrDefaultAsync(c => c.Id == threadId && c.ScriptId == scriptId && c.ThreadId == null, ct);
    }

    public async Task AddAsync(Comment comment, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        db.Comments.Add(comment);
        await db.SaveChangesAsync(ct);
    }

    public async Task<bool> SetResolvedAsync(Guid scriptId, Guid threadId, bool resolved, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Comments.Where(c => c.Id == threadId && c.ScriptId == scriptId && c.ThreadId == null)
            .ExecuteUpdateAsync(u => u
                .SetProperty(c => c.Resolved, resolved)
                .SetProperty(c => c.ResolvedById, resolved ? userId : null)
                .SetProperty(c => c.ResolvedAt, resolved ? DateTimeOffset.UtcNow : null), ct) == 1;
    }

    /// <summary>
    /// Deletes a comment (a thread's first comment takes its replies with it) if <paramref name="userId"/> wrote it
    /// or <paramref name="anyAuthor"/>; returns the comment as it was, or null when nothing matched.
    /// </summary>
    public async Task<Comment?> DeleteAsync(Guid scriptId, Guid commentId, string userId, bool anyAuthor, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var comment = await db.Comments.AsNoTracking()
            .FirstOrDefaultAsync(c => c.Id == commentId && c.ScriptId == scriptId && (anyAuthor || c.AuthorId == userId), ct);
        if (comment is null) return null;
        await db.Comments.Where(c => c.ScriptId == scriptId && (c.Id == commentId || c.ThreadId == commentId)).ExecuteDeleteAsync(ct);
        return comment;
    }
}
