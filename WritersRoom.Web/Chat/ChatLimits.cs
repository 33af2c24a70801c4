using System.Collections.Concurrent;
using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Per-user message rate (token bucket) and daily token budget, checked in memory before anything else runs.
/// The budget counts this instance's spend since start-up for the current UTC day (seeding it from the
/// token_usages roll-up is a follow-up), so it is a guard rail, not accounting.
/// </summary>
public sealed class ChatLimits : IDisposable
{
    /// <summary>Characters in one message (the input box stops there; a forged event that sends more is refused).</summary>
    public const int MaxMessageChars = 8000;

    /// <summary>Characters of selected script text sent along with a message.</summary>
    public const int MaxSelectionChars = 20_000;

    private readonly AssistantOptions _options;
    private readonly PartitionedRateLimiter<string> _rate;
    private readonly ConcurrentDictionary<(string User, DateOnly Day), long> _spent = new();

    public ChatLimits(IOptions<AssistantOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
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

    /// <summary>Null when the user may send; otherwise the message to show.</summary>
    public string? TryAcquire(string userId)
    {
        var day = DateOnly.FromDateTime(DateTime.UtcNow);
        if (_options.DailyTokenBudget > 0 && _spent.GetValueOrDefault((userId, day)) >= _options.DailyTokenBudget)
            return "You have used today's assistant budget. It resets at midnight UTC; an admin can raise Assistant:DailyTokenBudget.";
        using var lease = _rate.AttemptAcquire(userId);
        return lease.IsAcquired
            ? null
            : $"You are sending messages faster than {_options.MessagesPerMinute} a minute. Wait a moment and try again.";
    }

    public void Spend(string userId, long tokens) =>
        _spent.AddOrUpdate((userId, DateOnly.FromDateTime(DateTime.UtcNow)), tokens, (_, v) => v + tokens);

    public void Dispose() => _rate.Dispose();
}
