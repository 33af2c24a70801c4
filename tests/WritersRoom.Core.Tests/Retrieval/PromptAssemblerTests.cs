using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;

namespace WritersRoom.Core.Tests.Retrieval;

public sealed class PromptAssemblerTests
{
    private sealed class WordCounter : ITokenCounter
    {
        public int Count(string text) => text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Length;
    }

    private static PromptParts Parts(params RetrievedPassage[] scenes) =>
        new(ChatIntent.Question, "Who is Karl?", "Logline.", null, [new HistoryTurn(true, "old question")], scenes);

    [Fact]
    public void The_least_relevant_scene_is_dropped_first_when_over_budget()
    {
        var assembler = new PromptAssembler(new WordCounter());
        var best = new RetrievedPassage(7, "EXT. HILL - DAY", null, "Karl the giant " + string.Join(' ', Enumerable.Repeat("w", 20)));
        var worst = new RetrievedPassage(3, "INT. KITCHEN - DAY", null, string.Join(' ', Enumerable.Repeat("w", 20)));
        var system = new WordCounter().Count(PromptAssembler.SystemInstructions) + 30;

        var prompt = assembler.Assemble(Parts(best, worst), system + 30);

        Assert.Equal([7], SceneCitation.FindAll(prompt.User));
        Assert.True(prompt.Tokens <= system + 30);
    }

    [Fact]
    public void Scenes_enter_the_prompt_as_citable_blocks_and_the_rules_call_script_text_untrusted()
    {
        var prompt = new PromptAssembler(new TiktokenCounter())
            .Assemble(Parts(new RetrievedPassage(12, "INT. HOUSE - NIGHT", "Will argues.", "WILL\nNo.")), 4000);

        var passage = Assert.Single(PromptContext.Parse(prompt.User).Passages);
        Assert.Equal(12, passage.SceneNumber);
        Assert.Contains("untrusted", prompt.System);
        Assert.Contains("Logline.", prompt.System);
    }
}
