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

    /// <summary>A thread with more messages than this queues its rolling summary.</summary>
    public int SummarizeAfterMessages { get; set; } = 20;

    public int MessagesPerMinute { get; set; } = 20;

    /// <summary>Prompt plus completion tokens one user may spend per UTC day; 0 means no limit.</summary>
    public long DailyTokenBudget { get; set; } = 500_000;
}
