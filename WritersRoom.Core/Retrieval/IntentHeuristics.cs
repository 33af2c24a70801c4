using System.Text.RegularExpressions;

namespace WritersRoom.Core.Retrieval;

/// <summary>
/// Classifies a message by its wording. Confident for nearly every message, so the request path rarely needs the
/// model; <c>null</c> means truly ambiguous (no cue, or cues for two different intents).
/// </summary>
public static partial class IntentHeuristics
{
    public static ChatIntent? Classify(string? message)
    {
        var text = (message ?? "").Trim();
        if (text.Length == 0 || ChitChat().IsMatch(text)) return ChatIntent.ChitChat;

        var found = new List<ChatIntent>();
        if (Rewrite().IsMatch(text)) found.Add(ChatIntent.Rewrite);
        if (Brainstorm().IsMatch(text)) found.Add(ChatIntent.Brainstorm);
        if (Continuity().IsMatch(text)) found.Add(ChatIntent.Continuity);
        if (found.Count == 1) return found[0];
        if (found.Count > 1) return null;

        // A question about the story is the common case; a bare statement with no cue at all is the ambiguous one.
        return Question().IsMatch(text) ? ChatIntent.Question : null;
    }

    [GeneratedRegex(@"^(hi|hello|hey|thanks|thank you|thx|ok|okay|cool|great|good (morning|night|evening))\b[\s!.]*$", RegexOptions.IgnoreCase)]
    private static partial Regex ChitChat();

    [GeneratedRegex(@"\b(rewrite|rephrase|reword|tighten|punch up|polish|shorten|make (this|it|the)\b.*\b(better|shorter|funnier|tenser|sharper)|edit (this|the))\b", RegexOptions.IgnoreCase)]
    private static partial Regex Rewrite();

    [GeneratedRegex(@"\b(brainstorm|ideas?|alternatives?|what if|suggest|pitch|come up with|options for)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Brainstorm();

    [GeneratedRegex(@"\b(consistent|consistency|continuity|contradict\w*|plot holes?|timeline|inconsisten\w*)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Continuity();

    [GeneratedRegex(@"\?\s*$|^(who|what|where|when|why|how|which|does|did|is|are|was|were|can|could|do|find|show|list|summari[sz]e|explain|describe)\b", RegexOptions.IgnoreCase)]
    private static partial Regex Question();
}
