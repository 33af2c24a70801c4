using System.Text;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Bible;

/// <summary>A scene as plain text for a model or an embedder: one paragraph per line, cues before their lines.</summary>
public static class SceneText
{
    public static string Of(IReadOnlyList<SceneParagraph> paragraphs, int maxLength = 12_000)
    {
        ArgumentNullException.ThrowIfNull(paragraphs);
        var text = new StringBuilder();
        foreach (var p in paragraphs)
        {
            if (p.Type is ElementType.Note or ElementType.PageBreak or ElementType.Synopsis or ElementType.Section) continue;
            if (text.Length >= maxLength) break;
            text.Append(p.Type == ElementType.Dialogue ? "  " : "").Append(p.Text).Append('\n');
        }
        return text.Length > maxLength ? text.ToString(0, maxLength) : text.ToString().TrimEnd();
    }
}
