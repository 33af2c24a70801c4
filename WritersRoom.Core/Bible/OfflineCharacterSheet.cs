using System.Text;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Bible;

/// <summary>
/// The offline provider's character sheet, assembled from the script's own lines: presence, the people the
/// character shares most scenes with, and a few of their lines from the start and the latest scenes.
/// </summary>
public static class OfflineCharacterSheet
{
    private const int Companions = 4;
    private const int MaxLine = 200;

    public static string Build(DetectedCharacter character, IReadOnlyList<DetectedCharacter> cast, IReadOnlyList<SceneContent> scenesInOrder)
    {
        ArgumentNullException.ThrowIfNull(character);
        ArgumentNullException.ThrowIfNull(cast);
        ArgumentNullException.ThrowIfNull(scenesInOrder);

        var sheet = new StringBuilder();
        var first = scenesInOrder.FirstOrDefault(s => s.SceneId == character.FirstSceneId);
        sheet.Append("Who: ").Append(character.Name).Append(" speaks ").Append(character.LineCount)
            .Append(character.LineCount == 1 ? " time" : " times").Append(" in ").Append(character.SceneCount)
            .Append(character.SceneCount == 1 ? " scene" : " scenes");
        if (first?.Heading is { } heading) sheet.Append("; first appears in ").Append(heading.Trim());
        sheet.Append(".\n");

        var mine = character.SceneIds.ToHashSet();
        var companions = cast.Where(c => c.Name != character.Name)
            .Select(c => (c.Name, Shared: c.SceneIds.Count(mine.Contains)))
            .Where(c => c.Shared > 0).OrderByDescending(c => c.Shared).ThenBy(c => c.Name, StringComparer.Ordinal)
            .Take(Companions).ToList();
        if (companions.Count > 0)
            sheet.Append("Relationships: shares scenes with ")
                .Append(string.Join(", ", companions.Select(c => $"{c.Name} ({c.Shared})"))).Append(".\n");

        var lines = LinesOf(character.Name, scenesInOrder.Where(s => mine.Contains(s.SceneId))).ToList();
        if (lines.Count > 0)
        {
            sheet.Append("Arc so far, in their words: “").Append(Shorten(lines[0])).Append('”');
            if (lines.Count > 1) sheet.Append(" … “").Append(Shorten(lines[^1])).Append('”');
            sheet.Append('\n');
        }
        return sheet.ToString().TrimEnd();
    }

    private static IEnumerable<string> LinesOf(string name, IEnumerable<SceneContent> scenes)
    {
        foreach (var scene in scenes)
        {
            var speaking = false;
            foreach (var p in scene.Paragraphs)
            {
                if (p.Type == ElementType.Character) speaking = CharacterName.Fold(p.Text) == name;
                else if (p.Type == ElementType.Dialogue && speaking && !string.IsNullOrWhiteSpace(p.Text)) yield return p.Text.Replace('\n', ' ').Trim();
                else if (p.Type is not ElementType.Parenthetical) speaking = false;
            }
        }
    }

    private static string Shorten(string s) => s.Length <= MaxLine ? s : s[..MaxLine].TrimEnd() + "…";
}
