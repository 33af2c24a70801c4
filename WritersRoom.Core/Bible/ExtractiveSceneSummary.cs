using System.Text;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Bible;

/// <summary>
/// The offline provider's scene summary, built only from the scene itself: where and when, who speaks, and
/// the first action lines. Deterministic, so re-running a job gives the same text.
/// </summary>
public static class ExtractiveSceneSummary
{
    public const string ModelName = "offline-extractive-summary-v1";
    private const int MaxActionChars = 320;

    public static string Build(IReadOnlyList<SceneParagraph> paragraphs)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        var summary = new StringBuilder();
        var heading = paragraphs.FirstOrDefault(p => p.Type == ElementType.SceneHeading).Text;
        if (!string.IsNullOrWhiteSpace(heading))
        {
            var (location, time) = SceneHeading.Parse(heading);
            summary.Append(location.Length > 0 ? location : heading.Trim());
            if (time is not null) summary.Append(", ").Append(time.ToLowerInvariant());
            summary.Append(". ");
        }

        var characters = paragraphs.Where(p => p.Type == ElementType.Character)
            .Select(p => CharacterName.Fold(p.Text)).Where(n => n.Length > 0).Distinct().ToList();
        if (characters.Count > 0)
            summary.Append("Characters: ").Append(string.Join(", ", characters)).Append(". ");

        var action = new StringBuilder();
        foreach (var p in paragraphs.Where(p => p.Type == ElementType.Action && !string.IsNullOrWhiteSpace(p.Text)))
        {
            if (action.Length > 0) action.Append(' ');
            action.Append(p.Text.Replace('\n', ' ').Trim());
            if (action.Length >= MaxActionChars) break;
        }
        if (action.Length > MaxActionChars)
        {
            // Cut at a word boundary so the summary never ends mid-word.
            var cut = action.ToString(0, MaxActionChars);
            var space = cut.LastIndexOf(' ');
            action.Clear().Append(space > 0 ? cut[..space] : cut).Append('…');
        }
        summary.Append(action);

        if (action.Length == 0 && characters.Count > 0)
        {
            var firstLine = paragraphs.FirstOrDefault(p => p.Type == ElementType.Dialogue).Text;
            if (!string.IsNullOrWhiteSpace(firstLine)) summary.Append('“').Append(firstLine.Trim()).Append('”');
        }
        return summary.ToString().Trim();
    }
}
