using Microsoft.Extensions.AI;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Bible;
using WritersRoom.Data.Chat;

namespace WritersRoom.Web.Jobs.Conversations;

/// <summary>
/// Writes a thread's smart title and its rolling summary: from the messages' own words with the offline provider,
/// otherwise with one short model call each. Called by the jobs only, never on a writer's request.
/// </summary>
public sealed class ConversationWriter(IChatClient chat, AiProviderInfo ai)
{
    private const int MaxTitle = 80;
    private const int MaxMessageChars = 1500;
    private const int MaxPromptChars = 24_000;

    private const string TitleInstructions =
        "Write a title for this conversation between a screenwriter and the writers' room assistant: at most six words, " +
        "naming its subject. Reply with the title only, without quotes or a full stop.";

    private const string SummaryInstructions =
        "You keep the running summary of a conversation between a screenwriter and the writers' room assistant. " +
        "Update the summary with the new messages: keep what was decided, facts about the script that were established, " +
        "ideas the writer liked or rejected, and open questions. At most 200 words, plain text, no preamble.";

    public async Task<string> TitleAsync(string firstQuestion, string? firstAnswer, CancellationToken ct)
    {
        if (ai.IsOffline) return ConversationText.OfflineTitle(firstQuestion);

        var prompt = "Writer: " + Shorten(firstQuestion) + (firstAnswer is null ? "" : "\nAssistant: " + Shorten(firstAnswer));
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, TitleInstructions), new ChatMessage(ChatRole.User, prompt)],
            new ChatOptions { MaxOutputTokens = 24, Temperature = 0.2f }, ct);
        var title = Clean(response.Text);
        // A model that answers with nothing usable still leaves a better title than the first words.
        return title.Length == 0 ? ConversationText.OfflineTitle(firstQuestion) : title;
    }

    public async Task<string> SummaryAsync(string? previous, IReadOnlyList<ThreadMessage> folded, CancellationToken ct)
    {
        var turns = folded.Where(m => !m.Failed && m.Content.Length > 0).ToList();
        if (ai.IsOffline) return ConversationText.OfflineSummary(previous, turns.Select(m => (m.FromUser, m.Content)));

        var text = new System.Text.StringBuilder();
        text.Append("Summary so far:\n").Append(string.IsNullOrWhiteSpace(previous) ? "(none)" : previous).Append("\n\nNew messages:\n");
        foreach (var m in turns)
        {
            if (text.Length >= MaxPromptChars) break;
            text.Append(m.FromUser ? "Writer: " : "Assistant: ").Append(Shorten(m.Content)).Append('\n');
        }
        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, SummaryInstructions), new ChatMessage(ChatRole.User, text.ToString())],
            new ChatOptions { MaxOutputTokens = 400, Temperature = 0.2f }, ct);
        var summary = response.Text.Trim();
        if (summary.Length == 0) throw new InvalidOperationException("The model returned an empty conversation summary.");
        return summary;
    }

    private static string Shorten(string s) => s.Length <= MaxMessageChars ? s : s[..MaxMessageChars] + "…";

    private static string Clean(string text)
    {
        var line = text.Trim().Split('\n', 2)[0].Trim().Trim('"', '\'', '“', '”', '*', '#', ' ').TrimEnd('.');
        if (line.StartsWith("Title:", StringComparison.OrdinalIgnoreCase)) line = line[6..].Trim();
        return line.Length <= MaxTitle ? line : line[..MaxTitle].TrimEnd() + "…";
    }
}
