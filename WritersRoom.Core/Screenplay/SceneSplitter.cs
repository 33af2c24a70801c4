namespace WritersRoom.Core.Screenplay;

/// <summary>Groups paragraphs into scenes: each scene heading starts one; anything before the first heading forms its own.</summary>
public static class SceneSplitter
{
    public static List<List<ScriptElement>> Split(IEnumerable<ScriptElement> elements)
    {
        var scenes = new List<List<ScriptElement>>();
        List<ScriptElement>? current = null;
        foreach (var element in elements)
        {
            if (current is null || element.Type == ElementType.SceneHeading)
            {
                current = [];
                scenes.Add(current);
            }
            current.Add(element);
        }
        return scenes;
    }
}
