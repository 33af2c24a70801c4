using WritersRoom.Core.Editing;

namespace WritersRoom.Core.Tests.Editing;

public class SceneNumberingTests
{
    [Fact]
    public void An_unnumbered_script_shows_positions()
    {
        Assert.Equal(["1", "2", "3"], SceneNumbering.Display([null, null, null]));
    }

    [Fact]
    public void Stored_numbers_are_kept_and_new_scenes_between_take_letters()
    {
        Assert.Equal(["12", "12A", "12B", "13"], SceneNumbering.Display(["12", null, null, "13"]));
    }

    [Fact]
    public void After_a_lettered_scene_the_letter_advances_unless_it_would_reach_the_next_number()
    {
        Assert.Equal(["12A", "12B", "13"], SceneNumbering.Display(["12A", null, "13"]));
        Assert.Equal(["12A", "12AA", "12AB", "12B"], SceneNumbering.Display(["12A", null, null, "12B"]));
    }

    [Fact]
    public void Scenes_before_the_first_number_take_letter_prefixes()
    {
        Assert.Equal(["A1", "B1", "1", "2"], SceneNumbering.Display([null, null, "1", "2"]));
    }

    [Fact]
    public void New_scenes_after_the_last_one_take_letters_too()
    {
        Assert.Equal(["1", "2", "2A"], SceneNumbering.Display(["1", "2", null]));
    }

    [Fact]
    public void A_derived_number_never_repeats_one_in_use()
    {
        // 12A was moved elsewhere; the new scene after 12 must not show 12A twice.
        var shown = SceneNumbering.Display(["12", null, "13", "12A"]);
        Assert.Equal(shown.Count, shown.Distinct().Count());
        Assert.Equal("12B", shown[1]);
    }

    [Fact]
    public void Free_form_numbers_are_kept_and_extended()
    {
        Assert.Equal(["1.1", "1.1A"], SceneNumbering.Display(["1.1", null]));
    }

    [Theory]
    [InlineData("12A", "", 12, "A")]
    [InlineData("a1", "A", 1, "")]
    [InlineData(" 7 ", "", 7, "")]
    public void Numbers_parse_into_prefix_number_and_suffix(string number, string prefix, int n, string suffix)
    {
        Assert.Equal((prefix, n, suffix), SceneNumbering.Parse(number));
    }
}
