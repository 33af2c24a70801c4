using WritersRoom.Core.Screenplay;

namespace WritersRoom.Data.Scripts;

/// <summary>
/// A script as stored, back to the file model that exports and reports work on. Scene numbers live on the
/// scene, not the heading block; a script without title page fields still gets its title. What an import kept of
/// the file's format (paragraph and document extras) goes back with it, for an export to that format.
/// </summary>
public static class ScriptDocumentScreenplay
{
    public static ParsedScreenplay ToScreenplay(this ScriptDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
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
                    SceneNumber = i == 0 && block.Type == ElementType.SceneHeading ? scene.Scene.SceneNumber : null,
                    Extension = block.Extension,
                    Dual = block.Dual,
                    Level = block.Level,
                    RevisionColor = block.RevisionColor,
                    Extras = block.Extras,
                });
            }
        }
        return new ParsedScreenplay(titlePage, elements) { Extras = document.Script.Extras };
    }
}
