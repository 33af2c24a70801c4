using System.Threading.Channels;
using Npgsql;

namespace WritersRoom.Web.Chat;

public sealed record UsageEntry(string UserId, Guid ScriptId, string Model, long PromptTokens, long CompletionTokens);

/// <summary>
/// Token usage off the request path: the turn only enqueues (no I/O); a background writer flushes the roll-ups
/// with atomic increments. Written here because the jobs branch's flusher had not landed; replace when it does.
/// </summary>
public sealed class UsageRecorder(NpgsqlDataSource dataSource, ILogger<UsageRecorder> log) : BackgroundService
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

        if (batch.BatchCommands.Count > 0) await batch.ExecuteNonQueryAsync(ct);
    }
}
