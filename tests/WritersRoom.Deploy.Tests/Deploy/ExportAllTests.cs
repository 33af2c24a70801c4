using System.IO.Compression;
using Microsoft.Extensions.Configuration;
using WritersRoom.Core.Fountain;
using WritersRoom.Data.Scripts;
using WritersRoom.Deploy.Tests.Infrastructure;
using WritersRoom.TestSupport;
using WritersRoom.Web.Hosting;

namespace WritersRoom.Deploy.Tests.Deploy;

/// <summary>`export-all --out FILE.zip`: every script as a Fountain file that reads back to the same paragraphs.</summary>
public sealed class ExportAllTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Every_script_is_in_the_zip_as_Fountain_that_reparses_to_the_same_paragraphs()
    {
        var ct = TestContext.Current.CancellationToken;
        var ids = await SampleData.SeedAsync(database.Factory, ct);
        var file = Path.Combine(Path.GetTempPath(), $"wr-export-{Guid.NewGuid():N}.zip");
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["ConnectionStrings:WritersRoom"] = database.ConnectionString })
            .Build();
        try
        {
            var output = new StringWriter();
            Assert.Equal(0, await ExportAllCommand.RunAsync(["--out", file], configuration, output, ct));
            Assert.Contains($"{ids.Count} scripts", output.ToString());

            using var zip = ZipFile.OpenRead(file);
            Assert.Equal(ids.Count, zip.Entries.Count);
            var loader = new ScriptDocumentLoader(database.Factory);
            foreach (var id in ids)
            {
                var document = await loader.LoadAsync(id, ct);
                Assert.NotNull(document);
                var entry = Assert.Single(zip.Entries, e => e.Name == ExportAllCommand.EntryName(document.Script.Title, id));
                using var reader = new StreamReader(entry.Open());
                var reparsed = FountainParser.Parse(await reader.ReadToEndAsync(ct));
                Assert.Equal(document.BlockCount, reparsed.Elements.Count);
                Assert.Equal(document.Scenes.SelectMany(s => s.Blocks).Select(b => (b.Type, b.Text)), reparsed.Elements.Select(e => (e.Type, e.Text)));
            }
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Without_an_output_file_it_prints_usage_and_fails()
    {
        var configuration = new ConfigurationBuilder().Build();
        Assert.Equal(2, await ExportAllCommand.RunAsync([], configuration, TextWriter.Null, TestContext.Current.CancellationToken));
    }
}
