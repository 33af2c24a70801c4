using WritersRoom.Core.Editing;

namespace WritersRoom.Web.Editing;

/// <summary>
/// Scene numbers: shown from <see cref="SceneNumbering.Display"/>, stored on the scenes when the writers number
/// them on demand or lock them. While locked, a scene that appears (a heading typed, a scene split) gets its
/// derived number (12A…) stored at once, so a later insert next to it cannot shift it.
/// </summary>
public sealed partial class ScriptSession
{
    // The lock flag changed and is not yet written (scene numbers travel with the scene rows).
    private bool numberingChanged;

    public bool SceneNumbersLocked { get { lock (gate) return numbersLocked; } }

    private EditorUpdate Numbering(EditOp op)
    {
        switch (op.Kind)
        {
            case EditOpKind.NumberScenes:
                if (numbersLocked) throw new OpRejectedException("Scene numbers are locked; unlock them to renumber.");
                var numbers = SceneNumbering.Sequence(scenes.Count(s => s.StartsWithHeading));
                var i = 0;
                foreach (var scene in scenes.Where(s => s.StartsWithHeading)) SetNumber(scene, numbers[i++]);
                break;
            case EditOpKind.LockSceneNumbers:
                FreezeNumbers();
                SetLocked(true);
                break;
            case EditOpKind.UnlockSceneNumbers:
                SetLocked(false);
                break;
        }
        return Update(op, null, [], [], true);
    }

    /// <summary>After a change that may have made a scene, give each new scene its number (locked scripts only).</summary>
    private void KeepLockedNumbers()
    {
        if (!numbersLocked || !scenes.Any(s => s.StartsWithHeading && s.SceneNumber is null)) return;
        FreezeNumbers();
    }

    /// <summary>Stores the numbers scenes show now (the derived ones included).</summary>
    private void FreezeNumbers()
    {
        var headed = scenes.Where(s => s.StartsWithHeading).ToList();
        var shown = SceneNumbering.Display(headed.Select(s => s.SceneNumber).ToList());
        for (var i = 0; i < headed.Count; i++) SetNumber(headed[i], shown[i]);
    }

    private void SetNumber(LiveScene scene, string number)
    {
        if (scene.SceneNumber == number) return;
        scene.SceneNumber = number;
        dirtyScenes.Add(scene.Id);
    }

    private void SetLocked(bool locked)
    {
        if (numbersLocked == locked) return;
        numbersLocked = locked;
        numberingChanged = true;
    }

    /// <summary>The number each scene with a heading shows, by scene id.</summary>
    private Dictionary<Guid, string> ShownNumbersLocked()
    {
        var headed = scenes.Where(s => s.StartsWithHeading).ToList();
        var shown = SceneNumbering.Display(headed.Select(s => s.SceneNumber).ToList());
        var result = new Dictionary<Guid, string>(headed.Count);
        for (var i = 0; i < headed.Count; i++) result[headed[i].Id] = shown[i];
        return result;
    }
}
