using System.Threading.Channels;
using Npgsql;

namespace WritersRoom.Web.Chat;

public sealed record UsageEntry(string UserId, Guid ScriptId, string Model, long PromptTokens, long CompletionTokens);

/// <summary>
/// Token usage off the request path: the turn only enqueues (no I/O); a background writer flushes the roll-ups
/// with atomic increments, and in the same round trip reads back each user's day total for the budget
/// (<see cref="ChatLimits"/>), which then includes what other instances spent.
/// </summary>
public sealed class UsageRecorder(NpgsqlDataSource dataSource, ChatLimits limits, ILogger<UsageRecorder> log) : BackgroundService
{
    private readonly Channel<UsageEntry> _channel = Channel.CreateBounded<UsageEntry>(
        new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public void Record(UsageEntry entry) => _channel.Writer.TryWrite(entry);

    private const string Upsert =
        """
        INSERT INTO token_usages (day, user_id, script_id, model, prompt_tokens, completion_tokens, calls)
        VALUES (@day, @user, @script, @model, @pt, @ct, @calls)
        ON CONFLICT (day, user_id, script_id, model) DO UPDATE SET
            prompt_tokens = token_usages.prompt_tokens + excluded.prompt_tokens,
            completion_tokens = token_usages.completion_tokens + excluded.completion_tokens,
            calls = token_usages.calls + excluded.calls
        """;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (await _channel.Reader.WaitToReadAsync(stoppingToken).ConfigureAwait(false))
        {
            // Everything queued so far goes in one batch, summed per roll-up row.
            var batch = new List<UsageEntry>();
            while (batch.Count < 500 && _channel.Reader.TryRead(out var entry)) batch.Add(entry);
            try
            {
                await FlushAsync(batch, stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "Could not record token usage for {Count} calls", batch.Count);
            }
        }
    }

    public async Task FlushAsync(IReadOnlyList<UsageEntry> entries, CancellationToken ct)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        await using var batch = dataSource.CreateBatch();
        foreach (var g in entries.GroupBy(e => (e.UserId, e.ScriptId, e.Model)))
        {
            var command = new NpgsqlBatchCommand(Upsert);
            command.Parameters.AddWithValue("day", day);
            command.Parameters.AddWithValue("user", g.Key.UserId);
            command.Parameters.AddWithValue("script", g.Key.ScriptId);
            command.Parameters.AddWithValue("model", g.Key.Model);
            command.Parameters.AddWithValue("pt", g.Sum(e => e.PromptTokens));
            command.Parameters.AddWithValue("ct", g.Sum(e => e.CompletionTokens));
            command.Parameters.AddWithValue("calls", (long)g.Count());
            batch.BatchCommands.Add(command);
        }

        if (batch.BatchCommands.Count == 0) return;
        var users = entries.Select(e => e.UserId).Distinct().ToArray();
        var totals = new NpgsqlBatchCommand(
            "SELECT user_id, sum(prompt_tokens + completion_tokens)::bigint FROM token_usages WHERE day = @day AND user_id = ANY(@users) GROUP BY user_id");
        totals.Parameters.AddWithValue("day", day);
        totals.Parameters.AddWithValue("users", users);
        batch.BatchCommands.Add(totals);

        var flushed = entries.GroupBy(e => e.UserId).ToDictionary(g => g.Key, g => g.Sum(e => e.PromptTokens + e.CompletionTokens));
        await using var reader = await batch.ExecuteReaderAsync(ct);
        // The upserts return no rows; the totals are the one result with columns.
        do
        {
            if (reader.FieldCount != 2) continue;
            while (await reader.ReadAsync(ct))
            {
                var user = reader.GetString(0);
                limits.Settle(user, day, reader.GetInt64(1), flushed.GetValueOrDefault(user));
            }
        } while (await reader.NextResultAsync(ct));
    }
}
