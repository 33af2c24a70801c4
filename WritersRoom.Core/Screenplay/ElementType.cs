namespace WritersRoom.Core.Screenplay;

/// <summary>The kind of one paragraph of a screenplay. Stored by name, so the order here is free.</summary>
public enum ElementType
{
    SceneHeading,
    Action,
    Character,
    Dialogue,
    Parenthetical,
    Transition,
    Centered,
    Lyric,
    Section,
    Synopsis,
    Note,
    PageBreak,
}
