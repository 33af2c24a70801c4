using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

/// <summary>One line of the scene navigator.</summary>
public sealed record SceneOutline(Guid Id, string Number, string Heading, string Synopsis, double Pages, Guid? FirstBlockId);

public sealed partial class ScriptSession
{
    /// <summary>The navigator's view: numbers (locked ones kept), headings, a one-line synopsis and page counts.</summary>
    public IReadOnlyList<SceneOutline> Outline()
    {
        lock (gate)
        {
            var result = new List<SceneOutline>(scenes.Count);
            var number = 0;
            foreach (var scene in scenes)
            {
                var heading = scene.StartsWithHeading ? scene.Blocks[0].Text : "";
                if (scene.StartsWithHeading) number++;
                var shown = scene.SceneNumber ?? (scene.StartsWithHeading ? number.ToString() : "");
                var synopsis = scene.Blocks.FirstOrDefault(b => b.Type == ElementType.Synopsis)?.Text
                    ?? scene.Blocks.FirstOrDefault(b => b.Type == ElementType.Action)?.Text ?? "";
                var pages = PageEstimate.Pages(scene.Blocks.Select(b => (b.Type, b.Text)));
                result.Add(new SceneOutline(scene.Id, shown, heading, OneLine(synopsis), pages, scene.Blocks.FirstOrDefault()?.Id));
            }
            return result;
        }
    }

    public TypeAheadLists TypeAhead()
    {
        lock (gate) return TypeAheadLists.From(scenes.SelectMany(s => s.Blocks).Select(b => (b.Type, b.Text)));
    }

    private static string OneLine(string text)
    {
        var line = text.ReplaceLineEndings(" ").Trim();
        return line.Length <= 90 ? line : line[..89] + "…";
    }
}
