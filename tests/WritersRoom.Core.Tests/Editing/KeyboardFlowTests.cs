using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.Editing;

public class KeyboardFlowTests
{
    [Theory]
    [InlineData(ElementType.Character, ElementType.Dialogue)]
    [InlineData(ElementType.Dialogue, ElementType.Action)]
    [InlineData(ElementType.SceneHeading, ElementType.Action)]
    [InlineData(ElementType.Parenthetical, ElementType.Dialogue)]
    [InlineData(ElementType.Transition, ElementType.SceneHeading)]
    [InlineData(ElementType.Action, ElementType.Action)]
    public void Enter_at_the_end_starts_the_expected_next_element(ElementType current, ElementType next)
    {
        Assert.Equal(next, KeyboardFlow.AfterEnter(current));
    }

    [Fact]
    public void Enter_twice_after_dialogue_reaches_a_character_cue()
    {
        var afterFirst = KeyboardFlow.AfterEnter(ElementType.Dialogue);
        Assert.Equal(ElementType.Character, KeyboardFlow.OnEmptyEnter(afterFirst));
    }

    [Fact]
    public void Enter_in_an_empty_cue_falls_back_to_action()
    {
        Assert.Equal(ElementType.Action, KeyboardFlow.OnEmptyEnter(ElementType.Character));
        Assert.Null(KeyboardFlow.OnEmptyEnter(ElementType.SceneHeading));
    }

    [Fact]
    public void Tab_cycles_action_character_transition_heading_and_back()
    {
        var seen = new List<ElementType>();
        var type = ElementType.Action;
        for (var i = 0; i < 4; i++) seen.Add(type = KeyboardFlow.OnTab(type));
        Assert.Equal([ElementType.Character, ElementType.Transition, ElementType.SceneHeading, ElementType.Action], seen);
    }

    [Fact]
    public void Shift_tab_goes_back_through_the_cycle()
    {
        Assert.Equal(ElementType.Action, KeyboardFlow.OnTab(ElementType.Character, backwards: true));
        Assert.Equal(ElementType.SceneHeading, KeyboardFlow.OnTab(ElementType.Action, backwards: true));
    }

    [Fact]
    public void Tab_in_dialogue_toggles_parenthetical()
    {
        Assert.Equal(ElementType.Parenthetical, KeyboardFlow.OnTab(ElementType.Dialogue));
        Assert.Equal(ElementType.Dialogue, KeyboardFlow.OnTab(ElementType.Parenthetical));
    }

    [Theory]
    [InlineData(ElementType.SceneHeading, true)]
    [InlineData(ElementType.Character, true)]
    [InlineData(ElementType.Transition, true)]
    [InlineData(ElementType.Dialogue, false)]
    [InlineData(ElementType.Action, false)]
    public void Headings_cues_and_transitions_are_uppercased(ElementType type, bool upper)
    {
        Assert.Equal(upper, KeyboardFlow.IsUppercase(type));
    }
}
