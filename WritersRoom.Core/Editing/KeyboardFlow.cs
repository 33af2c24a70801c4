using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Editing;

/// <summary>
/// The keyboard rules screenwriters know from Final Draft. The browser bundle carries the same table
/// (ClientApp/src/flow.js); these functions are its specification and are unit-tested.
/// </summary>
public static class KeyboardFlow
{
    /// <summary>The type of the new paragraph that Enter at the end of a <paramref name="current"/> paragraph starts.</summary>
    public static ElementType AfterEnter(ElementType current) => current switch
    {
        ElementType.SceneHeading => ElementType.Action,
        ElementType.Character => ElementType.Dialogue,
        ElementType.Parenthetical => ElementType.Dialogue,
        ElementType.Dialogue => ElementType.Action,
        ElementType.Transition => ElementType.SceneHeading,
        ElementType.Centered or ElementType.Lyric => current,
        _ => ElementType.Action,
    };

    /// <summary>
    /// Enter in an empty paragraph changes its type instead of adding another empty one: an empty action after
    /// dialogue becomes the next speaker's cue (so "Enter, Enter" after dialogue reaches a character), an empty
    /// cue or dialogue falls back to action. Null: Enter splits as usual.
    /// </summary>
    public static ElementType? OnEmptyEnter(ElementType current) => current switch
    {
        ElementType.Action => ElementType.Character,
        ElementType.Character or ElementType.Dialogue or ElementType.Parenthetical => ElementType.Action,
        _ => null,
    };

    private static readonly ElementType[] TabCycle =
        [ElementType.Action, ElementType.Character, ElementType.Transition, ElementType.SceneHeading];

    /// <summary>The type Tab (or Shift+Tab, <paramref name="backwards"/>) gives the current paragraph.</summary>
    public static ElementType OnTab(ElementType current, bool backwards = false)
    {
        if (current == ElementType.Dialogue) return ElementType.Parenthetical;
        if (current == ElementType.Parenthetical) return ElementType.Dialogue;
        var i = Array.IndexOf(TabCycle, current);
        if (i < 0) return ElementType.Action;
        var step = backwards ? TabCycle.Length - 1 : 1;
        return TabCycle[(i + step) % TabCycle.Length];
    }

    /// <summary>Headings, cues and transitions are written in capitals; the editor uppercases them as typed.</summary>
    public static bool IsUppercase(ElementType type) =>
        type is ElementType.SceneHeading or ElementType.Character or ElementType.Transition;
}
