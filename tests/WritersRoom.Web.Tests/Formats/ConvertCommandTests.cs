using UglyToad.PdfPig;
using WritersRoom.Core.Fdx;
using WritersRoom.Core.Fountain;
using WritersRoom.TestSupport;
using WritersRoom.Web.Hosting;

namespace WritersRoom.Web.Tests.Formats;

public sealed class ConvertCommandTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("wr-convert-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Fdx_converts_to_fountain_that_reads_back_as_the_same_elements()
    {
        var output = Path.Combine(_dir, "brick.fountain");

        var code = await ConvertCommand.RunAsync([TestEnvironment.Fixture("brick-and-steel.fdx"), "--to", "fountain", "--out", output]);

        Assert.Equal(0, code);
        var fromFdx = FdxReader.Read(await File.ReadAllBytesAsync(TestEnvironment.Fixture("brick-and-steel.fdx"), TestContext.Current.CancellationToken)).Screenplay;
        Assert.Equal(fromFdx.Elements, FountainParser.Parse(await File.ReadAllTextAsync(output, TestContext.Current.CancellationToken)).Elements);
    }

    [Fact]
    public async Task Fountain_converts_to_fdx_and_pdf()
    {
        var fdx = Path.Combine(_dir, "bf.fdx");
        var pdf = Path.Combine(_dir, "bf.pdf");

        Assert.Equal(0, await ConvertCommand.RunAsync([TestEnvironment.Fixture("big-fish.fountain"), "--to", "fdx", "--out", fdx]));
        Assert.Equal(0, await ConvertCommand.RunAsync([TestEnvironment.Fixture("big-fish.fountain"), "--to", "pdf", "--out", pdf, "--scene-numbers"]));

        Assert.Equal(192, FdxReader.Read(await File.ReadAllBytesAsync(fdx, TestContext.Current.CancellationToken)).Screenplay.Elements.Count(e => e.Type == Core.Screenplay.ElementType.SceneHeading));
        using var document = PdfDocument.Open(pdf);
        Assert.InRange(document.NumberOfPages, 111, 141);
        Assert.False(File.Exists(pdf + ".partial"));
    }

    [Theory]
    [InlineData("--to", "docx")]
    [InlineData("--bogus", "x")]
    public async Task Bad_arguments_exit_with_usage_errors(string flag, string value)
    {
        Assert.Equal(2, await ConvertCommand.RunAsync([TestEnvironment.Fixture("big-fish.fountain"), flag, value]));
    }

    [Fact]
    public async Task A_broken_fdx_fails_with_exit_code_one_and_writes_nothing()
    {
        var input = Path.Combine(_dir, "broken.fdx");
        await File.WriteAllTextAsync(input, "<FinalDraft><Content>", TestContext.Current.CancellationToken);
        var output = Path.Combine(_dir, "out.fountain");

        Assert.Equal(1, await ConvertCommand.RunAsync([input, "--to", "fountain", "--out", output]));
        Assert.False(File.Exists(output));
    }
}
