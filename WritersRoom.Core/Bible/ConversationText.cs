using System.Text;

namespace WritersRoom.Core.Bible;

/// <summary>Offline stand-ins for the conversation jobs: a title and a rolling summary made from the messages' own words.</summary>
public static class ConversationText
{
    public const int MaxTitle = 60;

    /// <summary>The first sentence of the first question, shortened at a word boundary.</summary>
    public static string OfflineTitle(string firstUserMessage)
    {
        ArgumentNullException.ThrowIfNull(firstUserMessage);
        var text = string.Join(' ', firstUserMessage.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        var end = text.IndexOfAny(['?', '.', '!', '\n']);
        if (end > 0) text = text[..end];
        if (text.Length > MaxTitle)
        {
            var space = text.LastIndexOf(' ', MaxTitle);
            text = text[..(space > 20 ? space : MaxTitle)];
        }
        text = text.Trim().TrimEnd(',', ';', ':');
        return text.Length == 0 ? "Conversation" : char.ToUpperInvariant(text[0]) + text[1..];
    }

    /// <summary>Appends what the writer asked in the given turns to the previous summary, keeping it bounded.</summary>
    public static string OfflineSummary(string? previous, IEnumerable<(bool FromUser, string Content)> turns, int maxLength = 2000)
    {
        ArgumentNullException.ThrowIfNull(turns);
        var summary = new StringBuilder(previous ?? "");
        foreach (var (fromUser, content) in turns)
        {
            if (!fromUser) continue;
            if (summary.Length > 0) summary.Append('\n');
            summary.Append("- Asked: ").Append(OfflineTitle(content));
        }
        var text = summary.ToString();
        // Keep the most recent part: older topics matter less to the next answer.
        return text.Length <= maxLength ? text : text[^maxLength..];
    }
}
