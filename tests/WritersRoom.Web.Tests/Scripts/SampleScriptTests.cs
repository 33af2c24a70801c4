using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Scripts;

public sealed class SampleScriptTests
{
    private static async Task<ParsedScreenplay> ParseAsync()
    {
        await using var stream = SampleScript.Open();
        return FountainParser.Parse(await FountainImport.ReadTextAsync(stream, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_sample_shows_the_main_screenplay_elements()
    {
        var sample = await ParseAsync();

        Assert.Contains("SECOND RISING", sample.Title);
        Assert.Equal(6, sample.Elements.Count(e => e.Type == ElementType.SceneHeading));
        Assert.Contains(sample.Elements, e => e.Type == ElementType.Parenthetical);
        Assert.Contains(sample.Elements, e => e.Type == ElementType.Transition);
        Assert.Contains(sample.Elements, e => e.Type == ElementType.Centered);
        Assert.Contains(sample.Elements, e => e.Type == ElementType.Character && e.Extension == "V.O.");
        Assert.True(sample.Elements.Where(e => e.Type == ElementType.Character).Select(e => e.Text).Distinct().Count() >= 3);
    }

    [Fact]
    public async Task The_sample_is_about_two_pages_long()
    {
        var sample = await ParseAsync();

        // Roughly 55 lines a page; a sample that grows past two pages stops being a quick look around.
        var lines = sample.Elements.Sum(e => 1 + e.Text.Length / 60);
        Assert.InRange(lines, 50, 130);
    }
}
