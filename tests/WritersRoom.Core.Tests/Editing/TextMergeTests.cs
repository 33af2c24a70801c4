using WritersRoom.Core.Editing;

namespace WritersRoom.Core.Tests.Editing;

public class TextMergeTests
{
    [Fact]
    public void Unchanged_current_takes_my_text()
    {
        Assert.Equal("Will runs home.", TextMerge.Merge("Will runs.", "Will runs home.", "Will runs."));
    }

    [Fact]
    public void Concurrent_inserts_in_different_places_both_survive()
    {
        var merged = TextMerge.Merge("Will runs to the river.", "Young Will runs to the river.", "Will runs to the old river.");
        Assert.Equal("Young Will runs to the old river.", merged);
    }

    [Fact]
    public void Concurrent_inserts_at_the_same_place_keep_both_texts()
    {
        var merged = TextMerge.Merge("Edward smiles.", "Edward smiles widely.", "Edward smiles slyly.");
        Assert.Contains("widely", merged);
        Assert.Contains("slyly", merged);
    }

    [Fact]
    public void My_delete_applies_to_their_edited_text()
    {
        var merged = TextMerge.Merge("The big old fish jumps.", "The fish jumps.", "The big old fish jumps high.");
        Assert.Equal("The fish jumps high.", merged);
    }

    [Fact]
    public void A_change_without_edits_of_mine_keeps_theirs()
    {
        Assert.Equal("theirs", TextMerge.Merge("base", "base", "theirs"));
    }

    [Fact]
    public void The_same_edit_arriving_twice_is_not_doubled()
    {
        Assert.Equal("abc!", TextMerge.Merge("abc", "abc!", "abc!"));
    }

    [Fact]
    public void Empty_paragraph_filled_by_two_writers_keeps_both()
    {
        var merged = TextMerge.Merge("", "WILL", "SANDRA");
        Assert.Contains("WILL", merged);
        Assert.Contains("SANDRA", merged);
    }

    [Fact]
    public void Text_typed_inside_a_range_another_writer_deleted_is_kept()
    {
        var merged = TextMerge.Merge("one two three", "one twoX three", "one three");
        Assert.Contains("X", merged);
        Assert.DoesNotContain("two", merged);
    }

    [Fact]
    public void Merging_from_either_side_gives_the_same_text()
    {
        // The server merges mine onto theirs, the browser merges its pending text onto the server's: same result.
        const string b = "Edward tells the story.";
        var server = TextMerge.Merge(b, "Edward tells the fish story.", "Old Edward tells the story.");
        var browser = TextMerge.Merge(b, "Edward tells the fish story.", "Old Edward tells the story.");
        Assert.Equal("Old Edward tells the fish story.", server);
        Assert.Equal(server, browser);
    }
}
