namespace WritersRoom.Core.Scripts;

/// <summary>A member's role on one script. Ordered by power, so "at least Writer" is a comparison.</summary>
public enum ScriptRole
{
    Reader = 0,
    Commenter = 1,
    Writer = 2,
    Owner = 3,
}

/// <summary>
/// What each role may do. Every member may ask the assistant (it reads, like the member can); applying what it
/// proposes is an edit and needs <see cref="CanEdit"/>.
/// </summary>
public static class ScriptRoleRules
{
    public static bool CanRead(this ScriptRole role) => role >= ScriptRole.Reader;
    public static bool CanComment(this ScriptRole role) => role >= ScriptRole.Commenter;
    public static bool CanEdit(this ScriptRole role) => role >= ScriptRole.Writer;
    public static bool CanManageMembers(this ScriptRole role) => role == ScriptRole.Owner;
}
