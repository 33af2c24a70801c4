using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

/// <summary>One line of the scene navigator.</summary>
public sealed record SceneOutline(Guid Id, string Number, string Heading, string Synopsis, double Pages, Guid? FirstBlockId)
{
    /// <summary>A scene proper (it starts with a heading, maybe still empty); false for the untitled opening.</summary>
    public bool StartsWithHeading => Number.Length > 0;
}

public sealed partial class ScriptSession
{
    /// <summary>The navigator's view: numbers (stored ones kept, see <see cref="SceneNumbering"/>), headings, a one-line synopsis and page counts.</summary>
    public IReadOnlyList<SceneOutline> Outline()
    {
        lock (gate)
        {
            var result = new List<SceneOutline>(scenes.Count);
            var numbers = ShownNumbersLocked();
            foreach (var scene in scenes)
            {
                var heading = scene.StartsWithHeading ? scene.Blocks[0].Text : "";
                var shown = numbers.GetValueOrDefault(scene.Id, "");
                var synopsis = scene.Blocks.FirstOrDefault(b => b.Type == ElementType.Synopsis)?.Text
                    ?? scene.Blocks.FirstOrDefault(b => b.Type == ElementType.Action)?.Text ?? "";
                var pages = PageEstimate.Pages(scene.Blocks.Select(b => (b.Type, b.Text)));
                result.Add(new SceneOutline(scene.Id, shown, heading, OneLine(synopsis), pages, scene.Blocks.FirstOrDefault()?.Id));
            }
            return result;
        }
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 90 ? line : line[..89] + "…";
    }
}
