using System.Net;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;
using WritersRoom.Core.Fdx;
using WritersRoom.Core.Fountain;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Web.Tests.Formats;

public sealed class ExportEndpointTests(FormatsTestApp app) : IClassFixture<FormatsTestApp>
{
    private async Task<(string Owner, string Stranger, Guid Script)> SeedAsync()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var db = await app.Database.Factory.CreateDbContextAsync(ct);
        var owner = new AppUser { UserName = $"o{Guid.NewGuid():N}@x.test" };
        var stranger = new AppUser { UserName = $"s{Guid.NewGuid():N}@x.test" };
        db.Users.AddRange(owner, stranger);
        await db.SaveChangesAsync(ct);

        var parsed = FountainParser.Parse(await File.ReadAllTextAsync(TestEnvironment.Fixture("brick-and-steel.fountain"), ct));
        var id = await new ScriptImporter(app.Database.Factory).ImportAsync(parsed, "brick", owner.Id, ct);
        return (owner.Id, stranger.Id, id);
    }

    [Fact]
    public async Task A_member_downloads_every_format()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _, script) = await SeedAsync();
        using var client = app.Client(owner);

        var fountain = await client.GetAsync($"/scripts/{script}/export/fountain", ct);
        Assert.Equal(HttpStatusCode.OK, fountain.StatusCode);
        Assert.Contains("EXT. BRICK'S PATIO - DAY", await fountain.Content.ReadAsStringAsync(ct));
        Assert.Equal("BRICK - STEEL FULL RETIRED.fountain", fountain.Content.Headers.ContentDisposition?.FileName?.Trim('"'));

        var fdx = await client.GetByteArrayAsync($"/scripts/{script}/export/fdx", ct);
        Assert.Equal(8, FdxReader.Read(fdx).Screenplay.Elements.Count(e => e.Type == Core.Screenplay.ElementType.SceneHeading));

        var pdf = await client.GetByteArrayAsync($"/scripts/{script}/export/pdf?sceneNumbers=true", ct);
        using (var document = PdfDocument.Open(pdf))
            Assert.True(document.NumberOfPages >= 3);

        var scenes = await client.GetStringAsync($"/scripts/{script}/export/csv-scenes", ct);
        Assert.StartsWith("\uFEFFScene,Heading", scenes);
        Assert.Equal(9, scenes.Split("\r\n", StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.Contains("STEEL", await client.GetStringAsync($"/scripts/{script}/export/csv-characters", ct));
        Assert.Contains("BRICK'S PATIO", await client.GetStringAsync($"/scripts/{script}/export/csv-locations", ct));
    }

    [Fact]
    public async Task An_fdx_imported_into_the_app_downloads_as_the_same_fdx_as_the_command_line_convert_writes()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _, _) = await SeedAsync();
        var folder = Directory.CreateTempSubdirectory("wr-fdx-").FullName;
        try
        {
            var input = Path.Combine(folder, "the-door.fdx");
            await File.WriteAllBytesAsync(input, FdxSamples.UnmodelledBytes, ct);
            var converted = Path.Combine(folder, "converted.fdx");
            Assert.Equal(0, await Hosting.ConvertCommand.RunAsync([input, "--to", "fdx", "--out", converted]));

            var import = app.Factory.Services.GetRequiredService<WritersRoom.Web.Scripts.ScriptFileImport>();
            await using var upload = File.OpenRead(input);
            var id = await import.ImportAsync(upload, "the-door.fdx", owner, ct: ct);
            using var client = app.Client(owner);
            var exported = await client.GetByteArrayAsync($"/scripts/{id}/export/fdx", ct);

            // Unknown types, paragraph attributes and children, and the document's settings all make the trip.
            Assert.Equal(await File.ReadAllTextAsync(converted, ct), System.Text.Encoding.UTF8.GetString(exported));
            var written = System.Xml.Linq.XDocument.Parse(System.Text.Encoding.UTF8.GetString(exported));
            Assert.Equal(["New Act", "Shot", "General", "Cast List"],
                written.Root!.Element("Content")!.Elements("Paragraph").Select(p => (string?)p.Attribute("Type"))
                    .Where(t => t is "New Act" or "Shot" or "General" or "Cast List"));
            Assert.NotNull(written.Root.Element("SmartType"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task A_non_member_gets_not_found_and_an_anonymous_caller_is_refused()
    {
        var ct = TestContext.Current.CancellationToken;
        var (_, stranger, script) = await SeedAsync();

        using (var client = app.Client(stranger))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/scripts/{script}/export/pdf", ct)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/scripts/{Guid.NewGuid()}/export/fdx", ct)).StatusCode);
        }
        using (var anonymous = app.Client(null))
        {
            var response = await anonymous.GetAsync($"/scripts/{script}/export/fountain", ct);
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        }
    }

    [Fact]
    public async Task An_unknown_format_is_not_found()
    {
        var (owner, _, script) = await SeedAsync();
        using var client = app.Client(owner);

        var response = await client.GetAsync($"/scripts/{script}/export/docx", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task The_scripts_list_import_entry_point_still_takes_an_upload_by_name_and_now_fdx_too()
    {
        var ct = TestContext.Current.CancellationToken;
        var (owner, _, _) = await SeedAsync();
        var import = app.Factory.Services.GetRequiredService<WritersRoom.Web.Scripts.FountainImport>();

        await using var fdx = File.OpenRead(TestEnvironment.Fixture("brick-and-steel.fdx"));
        var id = await import.ImportAsync(fdx, "brick-and-steel.fdx", owner, ct);

        var document = await app.Factory.Services.GetRequiredService<ScriptDocumentLoader>().LoadAsync(id, ct);
        Assert.Equal("brick-and-steel", document?.Script.Title);
        Assert.Equal(8, document?.Scenes.Count(s => s.Blocks[0].Type == Core.Screenplay.ElementType.SceneHeading));
    }
}
