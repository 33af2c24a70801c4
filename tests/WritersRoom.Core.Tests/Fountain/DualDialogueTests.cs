using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class DualDialogueTests
{
    [Fact]
    public void Caret_on_the_second_cue_makes_both_speakers_and_their_lines_dual()
    {
        Assert.Equal(
            [
                Character("BRICK", dual: true), Dialogue("Screw retirement.", dual: true),
                Character("STEEL", dual: true), Dialogue("Screw retirement.", dual: true),
            ],
            Elements("BRICK", "Screw retirement.", "", "STEEL ^", "Screw retirement."));
    }

    [Fact]
    public void Parentheticals_and_extensions_of_both_speakers_are_dual_too()
    {
        Assert.Equal(
            [
                Character("BRICK", "V.O.", dual: true), Paren("(quietly)", dual: true), Dialogue("Now.", dual: true),
                Character("STEEL", dual: true), Paren("(loudly)", dual: true), Dialogue("Now!", dual: true),
            ],
            Elements("BRICK (V.O.)", "(quietly)", "Now.", "", "STEEL^", "(loudly)", "Now!"));
    }

    [Fact]
    public void Speakers_outside_the_pair_are_not_dual()
    {
        var elements = Elements("DAN", "Hi.", "", "BRICK", "Yes.", "", "STEEL ^", "No.", "", "DAN", "Well?");

        Assert.Equal([false, false, true, true, true, true, false, false], elements.Select(e => e.Dual));
    }

    [Fact]
    public void Caret_without_a_speaker_just_before_is_dropped()
    {
        Assert.Equal(
            [Action("The men look at each other."), Character("STEEL"), Dialogue("Screw it.")],
            Elements("The men look at each other.", "", "STEEL ^", "Screw it."));
    }

    [Fact]
    public void A_third_caret_does_not_join_a_pair_that_is_already_complete()
    {
        var elements = Elements("A", "One.", "", "B ^", "Two.", "", "C ^", "Three.");

        Assert.Equal([true, true, true, true, false, false], elements.Select(e => e.Dual));
    }

    [Fact]
    public void Forced_cue_with_a_caret_is_dual()
    {
        var elements = Elements("BRICK", "Yes.", "", "@McCLANE ^", "No.");

        Assert.Equal(Character("McCLANE", dual: true), elements[2]);
    }
}
