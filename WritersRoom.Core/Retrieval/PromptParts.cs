namespace WritersRoom.Core.Retrieval;

/// <summary>One retrieved scene for the prompt, most relevant first in <see cref="PromptParts.Scenes"/>.</summary>
public sealed record RetrievedPassage(int SceneNumber, string Heading, string? Summary, string Text);

/// <summary>An earlier message of the thread.</summary>
public sealed record HistoryTurn(bool FromUser, string Text);

/// <summary>
/// Everything a turn's prompt may hold before the budget is applied. <see cref="CurrentScene"/> is the number of the
/// scene the writer's cursor is in (its passage then comes first in <see cref="Scenes"/>).
/// </summary>
public sealed record PromptParts(
    ChatIntent Intent,
    string Question,
    string? GlobalContext,
    string? ConversationSummary,
    IReadOnlyList<HistoryTurn> History,
    IReadOnlyList<RetrievedPassage> Scenes,
    string? Selection = null,
    int? CurrentScene = null);

/// <summary>The assembled prompt: the system text, the history to replay, and the final user message with its scenes.</summary>
public sealed record AssembledPrompt(string System, IReadOnlyList<HistoryTurn> History, string User, int Tokens, int ScenesKept);
