namespace WritersRoom.Web.Chat;

/// <summary>The <c>Assistant</c> section: retrieval size, prompt budget, tool rounds and per-user limits.</summary>
public sealed class AssistantOptions
{
    public const string SectionName = "Assistant";

    public int RetrievedScenes { get; set; } = 8;
    public int PromptTokenBudget { get; set; } = 6000;
    public int HistoryMessages { get; set; } = 10;
    public int MaxToolRounds { get; set; } = 3;
    public TimeSpan IntentTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A thread with more messages than this (after its summary) gets its rolling summary from the summary job.</summary>
    public int SummarizeAfterMessages { get; set; } = 20;

    /// <summary>
    /// Messages after the rolling summary that a turn may replay: all of them, up to the summary threshold plus the
    /// exchange in flight, so nothing falls between the summary and the recent messages; the token budget trims.
    /// </summary>
    public int UnsummarizedWindow => Math.Max(HistoryMessages, SummarizeAfterMessages + 2);

    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>Prompt plus completion tokens one user may spend per UTC day; 0 means no limit.</summary>
    public long DailyTokenBudget { get; set; } = 500_000;
}
