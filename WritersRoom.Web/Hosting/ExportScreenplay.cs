using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Scripts;

namespace WritersRoom.Web.Hosting;

/// <summary>
/// A stored script back to the file model the Fountain writer takes. Minimal on purpose: the formats work
/// brings a full mapper (WritersRoom.Data/Scripts) that this gives way to once it is merged.
/// </summary>
internal static class ExportScreenplay
{
    public static ParsedScreenplay From(ScriptDocument document)
    {
        var titlePage = document.Script.TitlePage.Count > 0
            ? document.Script.TitlePage
            : [new TitleEntry("Title", document.Script.Title)];
        var elements = new List<ScriptElement>(document.BlockCount);
        foreach (var scene in document.Scenes)
        {
            for (var i = 0; i < scene.Blocks.Count; i++)
            {
                var block = scene.Blocks[i];
                elements.Add(new ScriptElement(block.Type, block.Text)
                {
                    // The scene number is stored on the scene, not on its heading paragraph.
                    SceneNumber = i == 0 && block.Type == ElementType.SceneHeading ? scene.Scene.SceneNumber : null,
                    Extension = block.Extension,
                    Dual = block.Dual,
                    Level = block.Level,
                });
            }
        }
        return new ParsedScreenplay(titlePage, elements);
    }
}
