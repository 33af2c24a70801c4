namespace WritersRoom.Core.Editing;

/// <summary>Bounds on what one writer may send; past them the operation is refused with a clear message.</summary>
public static class EditLimits
{
    /// <summary>One paragraph's text (a long action paragraph is a few thousand characters).</summary>
    public const int MaxParagraphChars = 100_000;

    /// <summary>Operations in one message from the browser.</summary>
    public const int MaxOpsPerBatch = 500;

    /// <summary>Characters in one message (the sum over its operations); a 10 MB paste is far past it.</summary>
    public const int MaxBatchChars = 400_000;

    /// <summary>
    /// Sustained operations per second per writer, and the burst allowed on top: a whole script pasted, a replace-all
    /// across every paragraph of a long script, a resend after a reconnect (each is one operation per paragraph).
    /// </summary>
    public const double OpsPerSecond = 60;
    public const double Burst = 5_000;

    public static string? Validate(EditOp op)
    {
        if (op.OpId == Guid.Empty) return "The operation has no id.";
        if ((op.Text?.Length ?? 0) > MaxParagraphChars || (op.BaseText?.Length ?? 0) > MaxParagraphChars)
            return $"A paragraph may hold at most {MaxParagraphChars:N0} characters.";
        return op.Kind switch
        {
            EditOpKind.InsertBlock or EditOpKind.DeleteBlock or EditOpKind.UpdateText or EditOpKind.SetType when op.BlockId == Guid.Empty
                => "The operation names no paragraph.",
            EditOpKind.InsertBlock or EditOpKind.SetType when op.Type is null => "The operation names no element type.",
            EditOpKind.UpdateText when op.Text is null || op.BaseText is null => "A text change needs the old and the new text.",
            EditOpKind.MoveScene or EditOpKind.DeleteScene when op.SceneId is null => "The operation names no scene.",
            _ when !Enum.IsDefined(op.Kind) => "Unknown operation.",
            _ => null,
        };
    }
}
