using WritersRoom.Core.Ai;

namespace WritersRoom.Core.Tests.Ai;

public sealed class ExtractiveResponderTests
{
    private const string Context = """
        Use these scenes to answer.

        [Scene 3] EXT. RIVER - DAY
        Young Edward wades into the river. A huge catfish circles him.

        EDWARD (V.O.)
        Some fish cannot be caught.

        [Scene 12] INT. BLOOM HOUSE - NIGHT
        Will stands at the window, arms folded.

        WILL
        (quietly)
        I don't believe a single one of his stories anymore.

        SANDRA
        He's your father, Will.

        [Scene 20] EXT. CIRCUS - NIGHT
        Edward works for Amos Calloway, shovelling elephant dung.
        """;

    private readonly ExtractiveResponder _responder = new();

    [Fact]
    public void Quotes_the_passage_that_answers_and_keeps_its_scene_citation()
    {
        var answer = _responder.Respond("Where does Will stop believing his father's stories?", PromptContext.Parse(Context).Passages);

        Assert.StartsWith("Offline mode (no language model configured) — the most relevant passages:", answer);
        var firstQuote = answer.Split('\n').First(line => line.StartsWith("- ", StringComparison.Ordinal));
        Assert.Contains("WILL: I don't believe a single one of his stories anymore.", firstQuote);
        Assert.EndsWith("[Scene 12]", firstQuote);
    }

    [Fact]
    public void Cites_only_scenes_that_were_in_the_context()
    {
        var answer = _responder.Respond("Who does Edward work for at the circus?", PromptContext.Parse(Context).Passages);

        Assert.Contains("Amos Calloway", answer);
        Assert.Equal(20, SceneCitation.FindAll(answer)[0]);
        Assert.All(SceneCitation.FindAll(answer), n => Assert.Contains(n, new[] { 3, 12, 20 }));
    }

    [Fact]
    public void Without_context_it_says_it_found_nothing()
    {
        var answer = _responder.Respond("Is Jenny's age consistent?", []);

        Assert.Equal("Offline mode (no language model configured) — I couldn't find anything in the script about that.", answer);
    }

    [Fact]
    public void Without_overlap_it_lists_the_retrieved_scenes_instead_of_quoting_noise()
    {
        var answer = _responder.Respond("Brainstorm an alternative ending", PromptContext.Parse(Context).Passages);

        Assert.Contains("couldn't find a passage", answer);
        Assert.Contains("[Scene 3] EXT. RIVER - DAY", answer);
    }
}
