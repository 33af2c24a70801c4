using WritersRoom.Core.Retrieval;

namespace WritersRoom.Core.Tests.Retrieval;

public sealed class IntentHeuristicsTests
{
    [Theory]
    [InlineData("Where does Will first doubt his father?", ChatIntent.Question)]
    [InlineData("Is Jenny's age consistent?", ChatIntent.Continuity)]
    [InlineData("Brainstorm an alternative ending", ChatIntent.Brainstorm)]
    [InlineData("Rewrite this scene so it is tenser", ChatIntent.Rewrite)]
    [InlineData("thanks!", ChatIntent.ChitChat)]
    public void Clear_messages_are_classified_without_a_model(string message, ChatIntent expected) =>
        Assert.Equal(expected, IntentHeuristics.Classify(message));

    [Fact]
    public void A_message_with_cues_for_two_intents_is_ambiguous() =>
        Assert.Null(IntentHeuristics.Classify("rewrite the ending with some ideas"));
}
