using WritersRoom.Core.Fountain;

namespace WritersRoom.Core.Tests.Fountain;

/// <summary>
/// Shapes of text under the 5 MB upload limit that once took minutes to hours (each step was quadratic in them). The
/// bound only guards against a hang: it is many times what the work takes, not a performance figure.
/// </summary>
public class HostileFountainTests
{
    private static readonly TimeSpan Hang = TimeSpan.FromSeconds(60);

    private static async Task<T> BoundedAsync<T>(Func<T> work) =>
        await Task.Run(work, TestContext.Current.CancellationToken).WaitAsync(Hang, TestContext.Current.CancellationToken);

    [Fact]
    public async Task A_line_of_two_hundred_thousand_notes_parses_into_its_notes()
    {
        var text = "BOB says" + string.Concat(Enumerable.Repeat(" [[a]]", 200_000)) + " hi.";

        var parsed = await BoundedAsync(() => FountainParser.Parse(text));

        Assert.Equal("BOB says hi.", parsed.Elements[0].Text);
        Assert.Equal(200_000, parsed.Elements.Count(e => e.Type == Core.Screenplay.ElementType.Note));
    }

    [Fact]
    public async Task A_four_megabyte_line_of_boneyard_markers_parses()
    {
        var text = "Start. " + string.Concat(Enumerable.Repeat("/*", 2_000_000)) + " end.";

        var parsed = await BoundedAsync(() => FountainParser.Parse(text));

        Assert.StartsWith("Start. ", parsed.Elements.Single().Text);
    }

    [Fact]
    public async Task A_megabyte_of_stray_emphasis_markers_splits_into_runs_and_plain_text()
    {
        var line = string.Concat(Enumerable.Repeat("*_a", 350_000));

        var (runs, plain) = await BoundedAsync(() => (FountainEmphasis.ToRuns(line), FountainEmphasis.ToPlain(line)));

        Assert.Equal(plain, string.Concat(runs.Select(r => r.Text)));
        Assert.Contains(runs, r => r.Style == Emphasis.Italic);
    }
}
