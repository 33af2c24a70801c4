using Bunit;
using Bunit.TestDoubles;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Forms;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Scripts;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Scripts;

public sealed class ImportButtonTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private sealed record Rendered(IRenderedComponent<MudDialogProvider> Dialogs, IRenderedComponent<ImportButton> Button, List<string> Failures);

    private static Rendered Render(BunitContext context)
    {
        var failures = new List<string>();
        var dialogs = context.Render<MudDialogProvider>();
        var button = context.Render<ImportButton>(p => p.Add(b => b.OnFailed, (string message) => failures.Add(message)));
        return new Rendered(dialogs, button, failures);
    }

    /// <summary>
    /// bUnit's upload waits for the change handler, which here waits for the preview dialog: so it runs beside
    /// the test, which answers the dialog as a writer would.
    /// </summary>
    private static Task Upload(Rendered rendered, string fileName, byte[] content)
    {
        var input = rendered.Button.FindComponent<InputFile>();
        return Task.Run(() => input.UploadFiles(InputFileContent.CreateFromBinary(content, fileName)), TestContext.Current.CancellationToken);
    }

    private async Task<int> ScriptCountAsync(string owner)
    {
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.ScriptMembers.CountAsync(m => m.UserId == owner, TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_final_draft_file_is_previewed_with_its_scenes_and_characters_and_cancelling_writes_nothing()
    {
        var owner = await PageServices.CreateUserAsync(database);
        await using var context = PageServices.Create(database, owner);
        var rendered = Render(context);

        var upload = Upload(rendered, "brick-and-steel.fdx", await File.ReadAllBytesAsync(TestEnvironment.Fixture("brick-and-steel.fdx"), TestContext.Current.CancellationToken));

        rendered.Dialogs.WaitForElement("[data-testid=import-confirm]", TimeSpan.FromSeconds(10));
        Assert.Equal(8, rendered.Dialogs.FindAll("[data-testid=import-scene]").Count);
        Assert.NotEmpty(rendered.Dialogs.FindAll("[data-testid=import-character]"));
        Assert.Contains("Final Draft", rendered.Dialogs.Markup);

        rendered.Dialogs.Find("[data-testid=import-cancel]").Click();
        rendered.Dialogs.WaitForAssertion(() => Assert.Empty(rendered.Dialogs.FindAll("[data-testid=import-confirm]")));
        await upload.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        rendered.Button.WaitForAssertion(() => Assert.Empty(rendered.Button.FindAll("[data-testid=import-progress]")));
        Assert.Equal(0, await ScriptCountAsync(owner));
        Assert.Empty(rendered.Failures);
    }

    [Fact]
    public async Task Confirming_the_preview_imports_the_script_and_opens_it()
    {
        var owner = await PageServices.CreateUserAsync(database);
        await using var context = PageServices.Create(database, owner);
        var navigation = context.Services.GetRequiredService<NavigationManager>();
        var rendered = Render(context);

        var upload = Upload(rendered, "brick-and-steel.fountain", await File.ReadAllBytesAsync(TestEnvironment.Fixture("brick-and-steel.fountain"), TestContext.Current.CancellationToken));
        rendered.Dialogs.WaitForElement("[data-testid=import-confirm]", TimeSpan.FromSeconds(10)).Click();

        await upload.WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);
        Assert.Matches("/scripts/[0-9a-f-]{36}$", navigation.Uri);
        Assert.Equal(1, await ScriptCountAsync(owner));
    }

    [Fact]
    public async Task Broken_xml_is_reported_with_the_reason_and_nothing_is_previewed_or_written()
    {
        var owner = await PageServices.CreateUserAsync(database);
        await using var context = PageServices.Create(database, owner);
        var rendered = Render(context);

        await Upload(rendered, "broken.fdx", "<?xml version=\"1.0\"?><FinalDraft><Content>"u8.ToArray()).WaitAsync(TimeSpan.FromSeconds(10), TestContext.Current.CancellationToken);

        Assert.Single(rendered.Failures);
        Assert.Contains("XML", rendered.Failures[0]);
        Assert.Empty(rendered.Dialogs.FindAll("[data-testid=import-confirm]"));
        Assert.Equal(0, await ScriptCountAsync(owner));
    }
}
