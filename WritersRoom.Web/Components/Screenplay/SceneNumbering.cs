using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Scripts;

namespace WritersRoom.Web.Components.Screenplay;

/// <summary>One line of the scene navigator.</summary>
public sealed record SceneNavEntry(Guid SceneId, string Number, string Heading);

public static class SceneNumbering
{
    /// <summary>
    /// Numbers the scenes that start with a scene heading 1..n in order; a number given in the source or locked
    /// for production wins. The paragraphs before the first heading are not a scene to a writer, so they get no entry.
    /// </summary>
    public static IReadOnlyList<SceneNavEntry> Entries(IReadOnlyList<SceneDocument> scenes)
    {
        var entries = new List<SceneNavEntry>(scenes.Count);
        var position = 0;
        foreach (var scene in scenes)
        {
            var first = scene.Blocks.Count > 0 ? scene.Blocks[0] : null;
            if (first?.Type != ElementType.SceneHeading) continue;
            position++;
            var number = string.IsNullOrWhiteSpace(scene.Scene.SceneNumber) ? position.ToString(System.Globalization.CultureInfo.InvariantCulture) : scene.Scene.SceneNumber;
            entries.Add(new SceneNavEntry(scene.Scene.Id, number, PlainText(first.Text)));
        }
        return entries;
    }

    private static string PlainText(string text) => string.Concat(Emphasis.Parse(text).Select(r => r.Text)).Trim();
}
