using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Bible;

/// <summary>One paragraph of a scene as the bible jobs read it: its element type and its text.</summary>
public readonly record struct SceneParagraph(ElementType Type, string Text);

/// <summary>A scene's paragraphs in order, with the id the results are stored under.</summary>
public sealed record SceneContent(Guid SceneId, IReadOnlyList<SceneParagraph> Paragraphs)
{
    public string? Heading => Paragraphs.Count > 0 && Paragraphs[0].Type == ElementType.SceneHeading ? Paragraphs[0].Text : null;
}
