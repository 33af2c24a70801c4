using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;

namespace WritersRoom.Web.Tests.Components.Screenplay;

/// <summary>Small in-memory scripts for presentational components.</summary>
internal static class Documents
{
    public static Block Block(ElementType type, string text, string? extension = null) =>
        new() { Rank = "a", Type = type, Text = text, Extension = extension };

    public static SceneDocument Scene(string? number, params Block[] blocks)
    {
        var scene = new Scene { Rank = "a", SceneNumber = number };
        foreach (var block in blocks) block.SceneId = scene.Id;
        return new SceneDocument(scene, blocks);
    }

    public static ScriptDocument Script(params SceneDocument[] scenes) => new(new Script { Title = "Test" }, scenes);
}
