using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;
using Npgsql;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Per-user message rate (token bucket, per instance: sessions are sticky) and daily token budget, checked before
/// anything else runs. The budget is the day's total in token_usages (every instance's spend) plus what this instance
/// spent and has not flushed yet: read once per user and day, then kept current by <see cref="UsageRecorder"/>, which
/// reads the user's total back in the round trip that flushes their usage. A turn already running may still finish
/// over the budget; the next one is refused.
/// </summary>
public sealed class ChatLimits : IDisposable
{
    /// <summary>Characters in one message (the input box stops there; a forged event that sends more is refused).</summary>
    public const int MaxMessageChars = 8000;

    /// <summary>Characters of selected script text sent along with a message.</summary>
    public const int MaxSelectionChars = 20_000;

    private const string TotalSql =
        "SELECT coalesce(sum(prompt_tokens + completion_tokens), 0)::bigint FROM token_usages WHERE day = @day AND user_id = @user";

    private readonly AssistantOptions _options;
    private readonly NpgsqlDataSource _dataSource;
    private readonly PartitionedRateLimiter<string> _rate;
    private readonly ConcurrentDictionary<(string User, DateOnly Day), DaySpend> _spent = new();

    public ChatLimits(IOptions<AssistantOptions> options, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _dataSource = dataSource;
        var perMinute = Math.Max(1, _options.MessagesPerMinute);
        _rate = PartitionedRateLimiter.Create<string, string>(user => RateLimitPartition.GetTokenBucketLimiter(user, _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = perMinute,
            TokensPerPeriod = perMinute,
            ReplenishmentPeriod = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        }));
    }

    /// <summary>Null when the message may be sent as it is; otherwise what to tell the writer. Nothing is stored either way.</summary>
    public static string? Validate(ChatTurnRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.Text)) return "A message needs some text.";
        if (request.Text.Length > MaxMessageChars)
            return $"That message is {request.Text.Length:N0} characters; the assistant takes at most {MaxMessageChars:N0}. Shorten it and send it again.";
        if (request.Selection?.Length > MaxSelectionChars)
            return $"The selected text is {request.Selection.Length:N0} characters; select at most {MaxSelectionChars:N0}.";
        if (string.IsNullOrEmpty(request.IdempotencyKey) || request.IdempotencyKey.Length > 100) return "The message has no valid key.";
        return null;
    }

    private static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    /// <summary>Null when the user may send; otherwise the message to show. Reads the database only for a user's first turn of the day here.</summary>
    public async ValueTask<string?> TryAcquireAsync(string userId, CancellationToken ct)
    {
        if (_options.DailyTokenBudget > 0 && await SpentTodayAsync(userId, ct) >= _options.DailyTokenBudget)
            return "You have used today's assistant budget. It resets at midnight UTC; an admin can raise Assistant:DailyTokenBudget.";
        using var lease = _rate.AttemptAcquire(userId);
        return lease.IsAcquired
            ? null
            : $"You are sending messages faster than {_options.MessagesPerMinute} a minute. Wait a moment and try again.";
    }

    /// <summary>Tokens this instance spent for the user and has not flushed to token_usages yet.</summary>
    public void Spend(string userId, long tokens) => For(userId, Today).Add(tokens);

    /// <summary>After a flush: the user's day total as the database has it now, which includes the <paramref name="flushed"/> tokens.</summary>
    public void Settle(string userId, DateOnly day, long total, long flushed) => For(userId, day).Settle(total, flushed);

    private async ValueTask<long> SpentTodayAsync(string userId, CancellationToken ct)
    {
        var key = (userId, Today);
        if (_spent.TryGetValue(key, out var known)) return known.Total;
        await using var command = _dataSource.CreateCommand(TotalSql);
        command.Parameters.AddWithValue("day", key.Item2);
        command.Parameters.AddWithValue("user", userId);
        var total = (long)(await command.ExecuteScalarAsync(ct))!;
        foreach (var old in _spent.Keys.Where(k => k.Day < key.Item2)) _spent.TryRemove(old, out _);
        var spend = _spent.GetOrAdd(key, _ => new DaySpend());
        spend.Seed(total);
        return spend.Total;
    }

    private DaySpend For(string userId, DateOnly day) => _spent.GetOrAdd((userId, day), _ => new DaySpend());

    public void Dispose() => _rate.Dispose();

    private sealed class DaySpend
    {
        private readonly Lock _gate = new();
        private long _stored;
        private long _unflushed;
        private bool _seeded;

        public long Total { get { lock (_gate) return _stored + _unflushed; } }

        public void Add(long tokens) { lock (_gate) _unflushed += tokens; }

        public void Seed(long stored)
        {
            lock (_gate)
            {
                if (_seeded) return;
                _stored = Math.Max(_stored, stored);
                _seeded = true;
            }
        }

        public void Settle(long stored, long flushed)
        {
            lock (_gate)
            {
                _stored = stored;
                _unflushed = Math.Max(0, _unflushed - flushed);
                _seeded = true;
            }
        }
    }
}
