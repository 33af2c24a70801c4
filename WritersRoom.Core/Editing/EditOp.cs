using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Editing;

/// <summary>What an operation does. Paragraph-level, so a keystroke is one small message.</summary>
public enum EditOpKind
{
    /// <summary>A new paragraph <see cref="EditOp.BlockId"/> after <see cref="EditOp.AfterBlockId"/> (null: the very top).</summary>
    InsertBlock,
    /// <summary>The writer changed the text from <see cref="EditOp.BaseText"/> to <see cref="EditOp.Text"/>.</summary>
    UpdateText,
    DeleteBlock,
    SetType,
    /// <summary>Scene <see cref="EditOp.SceneId"/> goes after <see cref="EditOp.AfterSceneId"/> (null: first); one rank changes.</summary>
    MoveScene,
    DeleteScene,
    /// <summary>Numbers every scene 1..n and stores the numbers (on demand; refused while numbers are locked).</summary>
    NumberScenes,
    /// <summary>Keeps the numbers scenes show now; new scenes then take 12A, 12B… from their neighbours.</summary>
    LockSceneNumbers,
    UnlockSceneNumbers,
}

/// <summary>
/// One edit as the browser (or a test) sends it. <see cref="OpId"/> makes a resend harmless;
/// <see cref="BaseVersion"/>/<see cref="BaseText"/> say what the writer saw, so a stale edit is merged, not dropped.
/// </summary>
public sealed record EditOp
{
    public Guid OpId { get; init; }
    public EditOpKind Kind { get; init; }
    public Guid BlockId { get; init; }
    public long BaseVersion { get; init; }
    public string? BaseText { get; init; }
    public string? Text { get; init; }
    public ElementType? Type { get; init; }
    public Guid? AfterBlockId { get; init; }
    public Guid? SceneId { get; init; }
    public Guid? AfterSceneId { get; init; }

    public static EditOp Insert(Guid blockId, Guid? after, ElementType type, string text = "") =>
        new() { OpId = Guid.NewGuid(), Kind = EditOpKind.InsertBlock, BlockId = blockId, AfterBlockId = after, Type = type, Text = text };

    public static EditOp Update(Guid blockId, long baseVersion, string baseText, string text) =>
        new() { OpId = Guid.NewGuid(), Kind = EditOpKind.UpdateText, BlockId = blockId, BaseVersion = baseVersion, BaseText = baseText, Text = text };

    public static EditOp Delete(Guid blockId) => new() { OpId = Guid.NewGuid(), Kind = EditOpKind.DeleteBlock, BlockId = blockId };

    public static EditOp SetTypeOf(Guid blockId, ElementType type) =>
        new() { OpId = Guid.NewGuid(), Kind = EditOpKind.SetType, BlockId = blockId, Type = type };

    public static EditOp Move(Guid sceneId, Guid? afterSceneId) =>
        new() { OpId = Guid.NewGuid(), Kind = EditOpKind.MoveScene, SceneId = sceneId, AfterSceneId = afterSceneId };

    public static EditOp DeleteSceneOp(Guid sceneId) => new() { OpId = Guid.NewGuid(), Kind = EditOpKind.DeleteScene, SceneId = sceneId };

    /// <summary>A script-wide numbering operation: <see cref="EditOpKind.NumberScenes"/>, lock or unlock.</summary>
    public static EditOp Numbering(EditOpKind kind) => new() { OpId = Guid.NewGuid(), Kind = kind };
}
