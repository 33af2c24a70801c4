using WritersRoom.Core.Scripts;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Chat;

/// <summary>
/// The chat UI's threads and messages. Every call checks the caller's membership of the script first (a former
/// member sees nothing, not even threads that were shared with the room); the store then limits each thread to
/// its author, or to the room when shared.
/// </summary>
public sealed class ChatThreads(ScriptAccess access, ChatStore store)
{
    public const int MaxTitleLength = 200;

    public async Task<IReadOnlyList<ThreadSummary>> ListAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        return await store.ListThreadsAsync(scriptId, userId, ct);
    }

    public async Task<IReadOnlyList<Message>> MessagesAsync(string userId, Guid scriptId, Guid threadId, CancellationToken ct = default)
    {
        await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        return await store.MessagesAsync(threadId, scriptId, userId, ct);
    }

    /// <summary>False when the thread is not the caller's (or is gone); a blank title is refused with a message.</summary>
    public async Task<bool> RenameAsync(string userId, Guid scriptId, Guid threadId, string title, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(title);
        if (string.IsNullOrWhiteSpace(title)) throw new ArgumentException("A thread needs a title.", nameof(title));
        // The input box stops at the limit; a forged event does not.
        if (title.Length > MaxTitleLength) throw new ArgumentException($"A thread's title is at most {MaxTitleLength} characters.", nameof(title));
        await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        return await store.RenameAsync(threadId, scriptId, userId, title, ct);
    }

    public async Task<bool> SetSharedAsync(string userId, Guid scriptId, Guid threadId, bool shared, CancellationToken ct = default)
    {
        await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        return await store.SetSharedAsync(threadId, scriptId, userId, shared, ct);
    }

    public async Task<bool> DeleteAsync(string userId, Guid scriptId, Guid threadId, CancellationToken ct = default)
    {
        await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        return await store.DeleteAsync(threadId, scriptId, userId, ct);
    }
}
