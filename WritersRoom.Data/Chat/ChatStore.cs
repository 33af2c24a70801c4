using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using NpgsqlTypes;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Chat;

/// <summary>
/// Conversations and messages. The user's message goes in with one round trip (thread created if new,
/// message inserted, counters incremented atomically); the assistant's message is an upsert on its
/// idempotency key, so a retry rewrites the same row instead of adding a second answer.
/// </summary>
public sealed class ChatStore(NpgsqlDataSource dataSource, IDbContextFactory<WritersRoomDbContext> factory)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string CreateConversation =
        """
        INSERT INTO conversations (id, script_id, created_by_id, title, auto_titled, shared, message_count, token_count, created_at, updated_at)
        VALUES (@cid, @sid, @uid, @title, true, false, 0, 0, now(), now())
        ON CONFLICT (id) DO NOTHING
        """;

    // Visible = the caller's own thread or one shared with the room, on this script. The insert is skipped for a
    // thread the caller cannot see, and a repeated key returns the message already stored.
    private const string AppendMessage =
        """
        WITH c AS (SELECT id FROM conversations WHERE id = @cid AND script_id = @sid AND (created_by_id = @uid OR shared)),
        m AS (
            INSERT INTO messages (id, conversation_id, role, status, content, citations, prompt_tokens, completion_tokens, timings, idempotency_key, created_at)
            SELECT @mid, c.id, 'User', 'Complete', @text, '[]', 0, 0, '{}', @key, now() FROM c
            ON CONFLICT (conversation_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO NOTHING
            RETURNING id, created_at),
        u AS (UPDATE conversations SET message_count = message_count + 1, updated_at = now() WHERE id = @cid AND EXISTS (SELECT 1 FROM m))
        SELECT COALESCE((SELECT id FROM m),
                        (SELECT x.id FROM messages x WHERE x.conversation_id = @cid AND x.idempotency_key = @key AND EXISTS (SELECT 1 FROM c))),
               EXISTS (SELECT 1 FROM m)
        """;

    // The same visibility as the insert. In a turn it runs after the insert in the same batch, so the stored message is
    // among the rows (the prompt leaves it out by its key).
    private const string RecentHistory =
        """
        SELECT c.summary, m.id, m.role, m.content, m.idempotency_key, m.created_at
        FROM conversations c
        LEFT JOIN LATERAL (
            SELECT x.id, x.role, x.content, x.idempotency_key, x.created_at FROM messages x
            WHERE x.conversation_id = c.id AND x.status <> 'Failed' AND (c.summarized_through IS NULL OR x.created_at > c.summarized_through)
            ORDER BY x.created_at DESC LIMIT @take) m ON true
        WHERE c.id = @cid AND c.script_id = @sid AND (c.created_by_id = @uid OR c.shared)
        """;

    /// <summary>
    /// Stores the user's message, and reads the thread's history in the same round trip when the turn asks for it;
    /// null when the thread is not the caller's to write to.
    /// </summary>
    public async Task<StoredUserMessage?> AppendUserMessageAsync(UserTurn turn, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(turn);
        await using var batch = dataSource.CreateBatch();
        if (turn.NewConversationTitle is not null)
        {
            var create = new NpgsqlBatchCommand(CreateConversation);
            create.Parameters.AddWithValue("cid", turn.ConversationId);
            create.Parameters.AddWithValue("sid", turn.ScriptId);
            create.Parameters.AddWithValue("uid", turn.UserId);
            create.Parameters.AddWithValue("title", turn.NewConversationTitle);
            batch.BatchCommands.Add(create);
        }

        var append = new NpgsqlBatchCommand(AppendMessage);
        append.Parameters.AddWithValue("cid", turn.ConversationId);
        append.Parameters.AddWithValue("sid", turn.ScriptId);
        append.Parameters.AddWithValue("uid", turn.UserId);
        append.Parameters.AddWithValue("mid", Guid.CreateVersion7());
        append.Parameters.AddWithValue("text", turn.Text);
        append.Parameters.AddWithValue("key", turn.IdempotencyKey);
        batch.BatchCommands.Add(append);
        if (turn.HistoryWindow > 0) batch.BatchCommands.Add(HistoryCommand(turn.ConversationId, turn.ScriptId, turn.UserId, turn.HistoryWindow));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct) || reader.IsDBNull(0)) return null;
        var (id, inserted) = (reader.GetGuid(0), reader.GetBoolean(1));
        if (turn.HistoryWindow <= 0 || !await reader.NextResultAsync(ct)) return new StoredUserMessage(id, inserted, null);
        return new StoredUserMessage(id, inserted, await ReadHistoryAsync(reader, ct));
    }

    private static NpgsqlBatchCommand HistoryCommand(Guid conversationId, Guid scriptId, string userId, int take)
    {
        var history = new NpgsqlBatchCommand(RecentHistory);
        history.Parameters.AddWithValue("cid", conversationId);
        history.Parameters.AddWithValue("sid", scriptId);
        history.Parameters.AddWithValue("uid", userId);
        history.Parameters.AddWithValue("take", take);
        return history;
    }

    /// <summary>The rows of <see cref="RecentHistory"/>, oldest message first; no rows (a thread not visible) is no history.</summary>
    private static async Task<ThreadHistory> ReadHistoryAsync(NpgsqlDataReader reader, CancellationToken ct)
    {
        string? summary = null;
        var recent = new List<RecentMessage>();
        while (await reader.ReadAsync(ct))
        {
            summary = reader.IsDBNull(0) ? null : reader.GetString(0);
            if (reader.IsDBNull(1)) continue;
            recent.Add(new RecentMessage(reader.GetGuid(1), Enum.Parse<MessageRole>(reader.GetString(2)), reader.GetString(3),
                reader.IsDBNull(4) ? null : reader.GetString(4), reader.GetFieldValue<DateTimeOffset>(5)));
        }
        return new ThreadHistory(summary, recent.OrderBy(m => m.CreatedAt).ToList());
    }

    private const string UpsertAssistant =
        """
        INSERT INTO messages (id, conversation_id, role, status, content, citations, proposals, prompt_tokens, completion_tokens, timings, idempotency_key, model, error, created_at)
        VALUES (@id, @cid, 'Assistant', @status, @content, @citations, @proposals, @pt, @ctk, @timings, @key, @model, @error, now())
        ON CONFLICT (conversation_id, idempotency_key) WHERE idempotency_key IS NOT NULL DO UPDATE SET
            status = excluded.status, content = excluded.content, citations = excluded.citations, proposals = excluded.proposals,
            prompt_tokens = excluded.prompt_tokens, completion_tokens = excluded.completion_tokens,
            timings = excluded.timings, model = excluded.model, error = excluded.error
        RETURNING id, (xmax = 0)
        """;

    private const string CountAssistant =
        "UPDATE conversations SET message_count = message_count + @added, token_count = token_count + @tokens, updated_at = now() WHERE id = @cid";

    /// <summary>
    /// Inserts or rewrites the answer for its key; the thread's counters move by atomic increments. Tried twice: after
    /// a database restart the first pooled connection is dead, and the answer the writer just watched stream must not
    /// be lost to that (the write is one transaction and idempotent on its key, so a second try is safe).
    /// </summary>
    public async Task<Guid> SaveAssistantMessageAsync(Message message, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        try
        {
            return await SaveAssistantOnceAsync(message, ct);
        }
        catch (NpgsqlException e) when (e.IsTransient || e is PostgresException { SqlState: PostgresErrorCodes.AdminShutdown })
        {
            return await SaveAssistantOnceAsync(message, ct);
        }
    }

    private async Task<Guid> SaveAssistantOnceAsync(Message message, CancellationToken ct)
    {
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await connection.BeginTransactionAsync(ct);
        await using var upsert = new NpgsqlCommand(UpsertAssistant, connection, tx);
        upsert.Parameters.AddWithValue("id", message.Id);
        upsert.Parameters.AddWithValue("cid", message.ConversationId);
        upsert.Parameters.AddWithValue("status", message.Status.ToString());
        upsert.Parameters.AddWithValue("content", message.Content);
        upsert.Parameters.AddWithValue("citations", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(message.Citations, Json));
        upsert.Parameters.AddWithValue("proposals", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(message.Proposals, Json));
        upsert.Parameters.AddWithValue("pt", message.PromptTokens);
        upsert.Parameters.AddWithValue("ctk", message.CompletionTokens);
        upsert.Parameters.AddWithValue("timings", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(message.Timings, Json));
        upsert.Parameters.AddWithValue("key", (object?)message.IdempotencyKey ?? DBNull.Value);
        upsert.Parameters.AddWithValue("model", (object?)message.Model ?? DBNull.Value);
        upsert.Parameters.AddWithValue("error", (object?)message.Error ?? DBNull.Value);
        Guid id;
        bool inserted;
        await using (var reader = await upsert.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            id = reader.GetGuid(0);
            inserted = reader.GetBoolean(1);
        }

        await using var count = new NpgsqlCommand(CountAssistant, connection, tx);
        count.Parameters.AddWithValue("added", inserted ? 1 : 0);
        count.Parameters.AddWithValue("tokens", (long)message.PromptTokens + message.CompletionTokens);
        count.Parameters.AddWithValue("cid", message.ConversationId);
        await count.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return id;
    }

    /// <summary>
    /// The rolling summary and the latest messages it does not cover yet, oldest first (one query): what the summary
    /// already holds is not sent twice.
    /// </summary>
    /// <summary>
    /// The rolling summary and the newest messages after it, oldest first: only what a prompt replays (role, text and
    /// the keys that tell the turn in progress apart), not the citations, proposals and timings stored beside them.
    /// The same read a turn makes in its insert's batch.
    /// </summary>
    /// <remarks>Only a thread the caller may see on that script (their own or one shared with the room); nothing otherwise.</remarks>
    public async Task<ThreadHistory> LoadRecentAsync(Guid conversationId, Guid scriptId, string userId, int take, CancellationToken ct = default)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(HistoryCommand(conversationId, scriptId, userId, take));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await ReadHistoryAsync(reader, ct);
    }

    /// <summary>The caller's threads and those shared with the room on one script, latest first, with each author's name (one query).</summary>
    public async Task<IReadOnlyList<ThreadSummary>> ListThreadsAsync(Guid scriptId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Conversations.AsNoTracking()
            .Where(c => c.ScriptId == scriptId && (c.CreatedById == userId || c.Shared))
            .OrderByDescending(c => c.UpdatedAt).Take(200)
            .Select(c => new ThreadSummary(c.Id, c.Title, c.Shared, c.CreatedById == userId,
                db.Users.Where(u => u.Id == c.CreatedById).Select(u => u.DisplayName ?? u.UserName).FirstOrDefault() ?? "",
                c.MessageCount, c.UpdatedAt))
            .ToListAsync(ct);
    }

    public async Task<IReadOnlyList<Message>> MessagesAsync(Guid conversationId, Guid scriptId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await db.Messages.AsNoTracking()
            .Where(m => m.ConversationId == conversationId && db.Conversations.Any(c =>
                c.Id == conversationId && c.ScriptId == scriptId && (c.CreatedById == userId || c.Shared)))
            .OrderBy(m => m.CreatedAt).ThenBy(m => m.Id).ToListAsync(ct);
    }

    /// <summary>Only the author renames, shares or deletes a thread, on its own script; others' threads read as not found.</summary>
    public async Task<bool> RenameAsync(Guid conversationId, Guid scriptId, string userId, string title, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        var trimmed = title.Trim();
        return await Own(db, conversationId, scriptId, userId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Title, trimmed.Length > 200 ? trimmed[..200] : trimmed).SetProperty(c => c.AutoTitled, false), ct) == 1;
    }

    public async Task<bool> SetSharedAsync(Guid conversationId, Guid scriptId, string userId, bool shared, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Own(db, conversationId, scriptId, userId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Shared, shared), ct) == 1;
    }

    public async Task<bool> DeleteAsync(Guid conversationId, Guid scriptId, string userId, CancellationToken ct = default)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return await Own(db, conversationId, scriptId, userId).ExecuteDeleteAsync(ct) == 1;
    }

    private static IQueryable<Conversation> Own(WritersRoomDbContext db, Guid conversationId, Guid scriptId, string userId) =>
        db.Conversations.Where(c => c.Id == conversationId && c.ScriptId == scriptId && c.CreatedById == userId);
}
