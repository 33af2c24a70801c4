using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

public class NotesTests
{
    [Fact]
    public void Note_on_its_own_paragraph_is_a_note_element()
    {
        Assert.Equal(
            [Action("Jack argues."), Note("It was supposed to be Vietnamese, right?"), Action("He stops.")],
            Elements("Jack argues.", "", "[[It was supposed to be Vietnamese, right?]]", "", "He stops."));
    }

    [Fact]
    public void Inline_note_is_cut_from_the_text_and_follows_its_element()
    {
        Assert.Equal(
            [Action("His hand is an inch from the receiver when the phone RINGS. Scott pauses."), Note("Do we need this?")],
            Elements("His hand is an inch from the receiver when the phone RINGS. [[Do we need this?]] Scott pauses."));
    }

    [Fact]
    public void Inline_notes_in_a_multi_line_element_follow_the_whole_element()
    {
        Assert.Equal(
            [Character("BOB"), Dialogue("Hello.\nGoodbye."), Note("first"), Note("second")],
            Elements("BOB", "Hello. [[first]]", "Goodbye.[[second]]"));
    }

    [Fact]
    public void Note_after_a_cue_keeps_it_a_cue()
    {
        Assert.Equal([Character("BOB"), Note("rename?"), Dialogue("Hi.")], Elements("BOB [[rename?]]", "Hi."));
    }

    [Fact]
    public void Note_line_inside_dialogue_does_not_end_the_speech()
    {
        Assert.Equal(
            [Character("BOB"), Dialogue("Hello."), Note("cut the next line?"), Dialogue("Goodbye.")],
            Elements("BOB", "Hello.", "[[cut the next line?]]", "Goodbye."));
    }

    [Fact]
    public void Note_may_span_lines_and_a_two_space_line_keeps_an_empty_line_in_it()
    {
        Assert.Equal(
            [Action("His hand is an inch from the receiver."), Note("This section needs work.\nEither that, or I need coffee.\n\nDefinitely coffee.")],
            Elements("His hand is an inch from the receiver.", "", "[[This section needs work.", "Either that, or I need coffee.", "  ", "Definitely coffee.]]"));
    }

    [Fact]
    public void Truly_empty_line_means_the_brackets_are_not_a_note()
    {
        Assert.Equal([Action("[[Not a note."), Action("Still not.]]")], Elements("[[Not a note.", "", "Still not.]]"));
    }

    [Fact]
    public void Unclosed_brackets_are_text()
    {
        Assert.Equal([Action("An [[unclosed thought.")], Elements("An [[unclosed thought."));
    }

    [Fact]
    public void Several_notes_on_one_line_give_several_note_elements()
    {
        Assert.Equal([Note("one"), Note("two")], Elements("[[one]] [[two]]"));
    }

    [Fact]
    public void Note_between_cue_and_transition_lines_does_not_break_their_rules()
    {
        Assert.Equal(
            [Action("He leaves."), Transition("CUT TO:"), Note("or DISSOLVE?")],
            Elements("He leaves.", "", "CUT TO:", "[[or DISSOLVE?]]", "", "INT. HOUSE - DAY").Take(3));
    }
}
