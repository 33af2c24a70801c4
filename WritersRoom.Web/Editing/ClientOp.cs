using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

/// <summary>
/// An operation as the browser sends it (element types by their snake_case names). Anything that does not parse
/// becomes an operation the session refuses with a reason, rather than an exception in the circuit.
/// </summary>
public sealed record ClientOp(Guid OpId, string? Kind, Guid BlockId, long BaseVersion, string? BaseText, string? Text, string? Type,
    Guid? AfterBlockId, Guid? SceneId, Guid? AfterSceneId)
{
    public EditOp ToEditOp() => new()
    {
        OpId = OpId,
        Kind = Enum.TryParse<EditOpKind>(Kind, ignoreCase: false, out var kind) && Enum.IsDefined(kind) ? kind : (EditOpKind)(-1),
        BlockId = BlockId,
        BaseVersion = BaseVersion,
        BaseText = BaseText,
        Text = Text,
        Type = ElementTypeNames.TryParse(Type, out var type) ? type : null,
        AfterBlockId = AfterBlockId,
        SceneId = SceneId,
        AfterSceneId = AfterSceneId,
    };
}
