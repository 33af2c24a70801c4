using Microsoft.Extensions.AI;
using WritersRoom.Core.Ai;

namespace WritersRoom.Web.Ai;

/// <summary>
/// Reads a chat request the way the offline responder needs it: the question is the last user message
/// (without any scene blocks pasted into it); the context is every scene block in the system, user and
/// tool messages. Assistant turns are skipped: their citations are answers, not material.
/// </summary>
internal static class OfflinePrompt
{
    public static (string Question, IReadOnlyList<ScenePassage> Passages) Read(IEnumerable<ChatMessage> messages)
    {
        var list = messages as IList<ChatMessage> ?? messages.ToList();
        var lastUser = -1;
        for (var i = list.Count - 1; i >= 0 && lastUser < 0; i--)
            if (list[i].Role == ChatRole.User)
                lastUser = i;

        var question = "";
        var passages = new List<ScenePassage>();
        var seen = new HashSet<int>();
        for (var i = 0; i < list.Count; i++)
        {
            if (list[i].Role == ChatRole.Assistant)
                continue;

            var context = PromptContext.Parse(list[i].Text);
            if (i == lastUser)
                question = context.Preamble;

            // The same scene may come back in several turns; quoting it twice helps nobody.
            foreach (var passage in context.Passages)
                if (seen.Add(passage.SceneNumber))
                    passages.Add(passage);
        }

        return (question, passages);
    }
}
