using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

/// <summary>
/// Scenes follow the text: a heading always starts a scene. Typing a heading mid-scene splits it; turning a heading
/// into action (or deleting it) merges the scene into the one before. The browser only sees a flat list of
/// paragraphs; only the database rows and the navigator care about scenes.
/// </summary>
public sealed partial class ScriptSession
{
    private void Normalize(LiveScene scene)
    {
        if (scene.Blocks.Count == 0)
        {
            RemoveScene(scene);
            return;
        }
        var index = scenes.IndexOf(scene);
        if (index > 0 && !scene.StartsWithHeading)
        {
            var previous = scenes[index - 1];
            MergeInto(scene, previous);
            scene = previous;
        }
        for (var i = 1; i < scene.Blocks.Count; i++)
        {
            if (scene.Blocks[i].Type != ElementType.SceneHeading) continue;
            scene = Split(scene, i);
            i = 0;
        }
    }

    private LiveScene Split(LiveScene scene, int at)
    {
        var index = scenes.IndexOf(scene);
        var created = AddScene(index + 1);
        var moving = scene.Blocks.GetRange(at, scene.Blocks.Count - at);
        scene.Blocks.RemoveRange(at, moving.Count);
        foreach (var block in moving)
        {
            block.SceneId = created.Id;
            created.Blocks.Add(block);
            dirtyBlocks.Add(block.Id);
        }
        ContentChanged(scene);
        ContentChanged(created);
        return created;
    }

    private void MergeInto(LiveScene scene, LiveScene previous)
    {
        foreach (var block in scene.Blocks)
        {
            block.SceneId = previous.Id;
            previous.Blocks.Add(block);
        }
        scene.Blocks.Clear();
        RemoveScene(scene);
        Respace(previous);
        ContentChanged(previous);
    }

    private LiveScene AddScene(int index)
    {
        var scene = new LiveScene
        {
            Id = Guid.CreateVersion7(),
            Rank = SceneRankAt(index),
            ContentChangedAt = DateTimeOffset.UtcNow,
        };
        scenes.Insert(index, scene);
        sceneById[scene.Id] = scene;
        dirtyScenes.Add(scene.Id);
        structureChanged = true;
        if (scene.Rank.Length > MaxRankLength) RespaceScenes();
        return scene;
    }

    private void RemoveScene(LiveScene scene)
    {
        scenes.Remove(scene);
        sceneById.Remove(scene.Id);
        dirtyScenes.Remove(scene.Id);
        deletedScenes.Add(scene.Id);
        structureChanged = true;
    }

    private string RankAt(LiveScene scene, int index)
    {
        // Two instances inserting at one spot at once compute the same rank (kept apart by id); nothing fits between
        // equal ranks, so the scene gets fresh ones first.
        if (index > 0 && index < scene.Blocks.Count && string.CompareOrdinal(scene.Blocks[index - 1].Rank, scene.Blocks[index].Rank) >= 0)
            Respace(scene);
        return Ranks.Between(index > 0 ? scene.Blocks[index - 1].Rank : null, index < scene.Blocks.Count ? scene.Blocks[index].Rank : null);
    }

    /// <summary>A scene rank at <paramref name="index"/> of the scene list (re-spacing first if its neighbours' ranks are equal).</summary>
    private string SceneRankAt(int index)
    {
        if (index > 0 && index < scenes.Count && string.CompareOrdinal(scenes[index - 1].Rank, scenes[index].Rank) >= 0)
            RespaceScenes();
        return Ranks.Between(index > 0 ? scenes[index - 1].Rank : null, index < scenes.Count ? scenes[index].Rank : null);
    }

    /// <summary>Fresh, evenly spaced ranks for every paragraph of a scene (after a merge, or when keys grew long).</summary>
    private void Respace(LiveScene scene)
    {
        var ranks = Ranks.Sequence(scene.Blocks.Count);
        for (var i = 0; i < ranks.Count; i++)
        {
            scene.Blocks[i].Rank = ranks[i];
            dirtyBlocks.Add(scene.Blocks[i].Id);
        }
    }

    private void RespaceScenes()
    {
        var ranks = Ranks.Sequence(scenes.Count);
        for (var i = 0; i < ranks.Count; i++)
        {
            scenes[i].Rank = ranks[i];
            dirtyScenes.Add(scenes[i].Id);
        }
    }
}
