using Microsoft.Extensions.AI;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Bible;

namespace WritersRoom.Web.Jobs.Scenes;

/// <summary>One scene's summary: extractive with the offline provider, otherwise a short model call.</summary>
public sealed class SceneSummarizer(IChatClient chat, AiProviderInfo ai)
{
    private const string Instructions =
        "You summarise one scene of a screenplay for a writers' room assistant. In at most three sentences, " +
        "say where it happens, who is present, what happens and what changes. Plain text, no preamble.";

    public string Model => ai.IsOffline ? ExtractiveSceneSummary.ModelName : ai.ChatModel;

    public async Task<string> SummarizeAsync(IReadOnlyList<SceneParagraph> paragraphs, CancellationToken ct)
    {
        if (ai.IsOffline) return ExtractiveSceneSummary.Build(paragraphs);

        var response = await chat.GetResponseAsync(
            [new ChatMessage(ChatRole.System, Instructions), new ChatMessage(ChatRole.User, SceneText.Of(paragraphs))],
            new ChatOptions { MaxOutputTokens = 200, Temperature = 0.2f }, ct);
        var text = response.Text.Trim();
        if (text.Length == 0) throw new InvalidOperationException("The model returned an empty summary.");
        return text;
    }
}
