using Npgsql;
using WritersRoom.Data.Bible;

namespace WritersRoom.Data.Chat;

/// <summary>A thread waiting for its smart title: its first question and, when there is one, the first complete answer.</summary>
public sealed record PendingTitle(Guid ConversationId, int Attempts, string FirstQuestion, string? FirstAnswer);

/// <summary>A thread whose unsummarised part has grown past the threshold, with the messages after its summary.</summary>
public sealed record PendingSummary(Guid ConversationId, int Attempts, string? Summary, DateTimeOffset? SummarizedThrough, IReadOnlyList<ThreadMessage> Messages);

public sealed record ThreadMessage(bool FromUser, string Content, bool Failed, DateTimeOffset CreatedAt);

/// <summary>
/// The state behind the conversation jobs, all in the conversations table: which threads still carry their
/// first-words title, which have grown long since their last summary, and the conditional writes that make a
/// rerun (or a writer's rename in between) harmless. Each call holds a gated connection only for its queries.
/// </summary>
public sealed class ConversationWorkStore(JobConnectionGate gate)
{
    /// <summary>Threads after their first exchange whose title is still the first words, oldest activity first.</summary>
    public async Task<List<PendingTitle>> PendingTitlesAsync(DateTimeOffset now, int limit, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            SELECT c.id, c.title_attempts,
                   (SELECT m.content FROM messages m WHERE m.conversation_id = c.id AND m.role = 'User'
                    ORDER BY m.created_at, m.id LIMIT 1),
                   (SELECT m.content FROM messages m WHERE m.conversation_id = c.id AND m.role = 'Assistant' AND m.status = 'Complete'
                    ORDER BY m.created_at, m.id LIMIT 1)
            FROM conversations c
            WHERE c.auto_titled AND c.message_count >= 2 AND (c.title_retry_at IS NULL OR c.title_retry_at <= @now)
            ORDER BY c.updated_at
            LIMIT @limit
            """, lease.Value);
        command.Parameters.AddWithValue("now", now.ToUniversalTime());
        command.Parameters.AddWithValue("limit", limit);
        var list = new List<PendingTitle>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            if (reader.IsDBNull(2)) continue; // no question stored: nothing to title from
            list.Add(new PendingTitle(reader.GetGuid(0), reader.GetInt32(1), reader.GetString(2), reader.IsDBNull(3) ? null : reader.GetString(3)));
        }
        return list;
    }

    /// <summary>Sets the smart title unless the writer renamed the thread meanwhile. True when it was set.</summary>
    public async Task<bool> SaveTitleAsync(Guid conversationId, string title, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE conversations SET title = @title, auto_titled = false, title_attempts = 0, title_retry_at = NULL
            WHERE id = @id AND auto_titled
            """, lease.Value);
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("title", title);
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    /// <summary>Backs the thread off after a failed title; after <paramref name="maxAttempts"/> it keeps its first-words title.</summary>
    public async Task TitleFailedAsync(Guid conversationId, DateTimeOffset retryAt, int maxAttempts, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE conversations SET title_attempts = title_attempts + 1, title_retry_at = @retry,
                   auto_titled = title_attempts + 1 < @max
            WHERE id = @id AND auto_titled
            """, lease.Value);
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("retry", retryAt.ToUniversalTime());
        command.Parameters.AddWithValue("max", maxAttempts);
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Threads with more than <paramref name="threshold"/> messages after their summary (found through the expression
    /// index on message_count − summarized_count), each with up to <paramref name="maxMessages"/> of those messages.
    /// </summary>
    public async Task<List<PendingSummary>> PendingSummariesAsync(int threshold, DateTimeOffset now, int limit, int maxMessages, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        var heads = new List<(Guid Id, int Attempts, string? Summary, DateTimeOffset? Through)>();
        await using (var command = new NpgsqlCommand("""
            SELECT id, summary_attempts, summary, summarized_through FROM conversations
            WHERE (message_count - summarized_count) > @threshold AND (summary_retry_at IS NULL OR summary_retry_at <= @now)
            ORDER BY updated_at
            LIMIT @limit
            """, lease.Value))
        {
            command.Parameters.AddWithValue("threshold", threshold);
            command.Parameters.AddWithValue("now", now.ToUniversalTime());
            command.Parameters.AddWithValue("limit", limit);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                heads.Add((reader.GetGuid(0), reader.GetInt32(1), reader.IsDBNull(2) ? null : reader.GetString(2),
                    reader.IsDBNull(3) ? null : reader.GetFieldValue<DateTimeOffset>(3)));
        }
        if (heads.Count == 0) return [];

        // The unsummarised messages of every picked thread in one query, oldest first per thread.
        var messages = heads.ToDictionary(h => h.Id, _ => new List<ThreadMessage>());
        await using (var command = new NpgsqlCommand("""
            SELECT t.id, m.role, m.content, m.status, m.created_at
            FROM unnest(@ids, @through) AS t(id, through)
            CROSS JOIN LATERAL (
                SELECT role, content, status, created_at FROM messages
                WHERE conversation_id = t.id AND (t.through IS NULL OR created_at > t.through)
                ORDER BY created_at, id LIMIT @max) m
            ORDER BY t.id, m.created_at
            """, lease.Value))
        {
            command.Parameters.AddWithValue("ids", heads.Select(h => h.Id).ToArray());
            command.Parameters.AddWithValue("through", heads.Select(h => h.Through?.ToUniversalTime() ?? (DateTimeOffset?)null).ToArray());
            command.Parameters.AddWithValue("max", maxMessages);
            await using var reader = await command.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                messages[reader.GetGuid(0)].Add(new ThreadMessage(reader.GetString(1) == "User", reader.GetString(2),
                    reader.GetString(3) == "Failed", reader.GetFieldValue<DateTimeOffset>(4)));
        }
        return heads.Select(h => new PendingSummary(h.Id, h.Attempts, h.Summary, h.Through, messages[h.Id])).ToList();
    }

    /// <summary>
    /// Stores the new rolling summary covering everything up to <paramref name="through"/>, unless another run already
    /// moved the summary on (then nothing changes: a rerun never folds a message twice). The covered count is
    /// recomputed from the messages themselves, so it stays right whatever arrived meanwhile.
    /// </summary>
    public async Task<bool> SaveSummaryAsync(Guid conversationId, DateTimeOffset? previousThrough, string summary, DateTimeOffset through, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand("""
            UPDATE conversations c SET summary = @summary, summarized_through = @through,
                   summarized_count = c.message_count - (SELECT count(*) FROM messages m WHERE m.conversation_id = c.id AND m.created_at > @through),
                   summary_attempts = 0, summary_retry_at = NULL
            WHERE c.id = @id AND c.summarized_through IS NOT DISTINCT FROM @previous
            """, lease.Value);
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("summary", summary);
        command.Parameters.AddWithValue("through", through.ToUniversalTime());
        command.Parameters.Add(new NpgsqlParameter("previous", NpgsqlTypes.NpgsqlDbType.TimestampTz) { Value = (object?)previousThrough?.ToUniversalTime() ?? DBNull.Value });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task SummaryFailedAsync(Guid conversationId, DateTimeOffset retryAt, CancellationToken ct)
    {
        await using var lease = await gate.OpenConnectionAsync(ct);
        await using var command = new NpgsqlCommand(
            "UPDATE conversations SET summary_attempts = summary_attempts + 1, summary_retry_at = @retry WHERE id = @id", lease.Value);
        command.Parameters.AddWithValue("id", conversationId);
        command.Parameters.AddWithValue("retry", retryAt.ToUniversalTime());
        await command.ExecuteNonQueryAsync(ct);
    }

    /// <summary>Queue depths for the admin page: threads waiting for a title, and for a summary.</summary>
    public static async Task<(long Titles, long Summaries)> PendingCountsAsync(NpgsqlConnection connection, int threshold, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand("""
            SELECT (SELECT count(*) FROM conversations WHERE auto_titled AND message_count >= 2),
                   (SELECT count(*) FROM conversations WHERE (message_count - summarized_count) > @threshold)
            """, connection);
        command.Parameters.AddWithValue("threshold", threshold);
        await using var reader = await command.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return (reader.GetInt64(0), reader.GetInt64(1));
    }
}
