using Bunit;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Scripts;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Scripts;

public sealed class MembersDialogTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static async Task<IRenderedComponent<MudDialogProvider>> ShowAsync(BunitContext context, Guid scriptId)
    {
        var provider = context.Render<MudDialogProvider>();
        var dialogs = context.Services.GetRequiredService<IDialogService>();
        var parameters = new DialogParameters<MembersDialog> { { d => d.ScriptId, scriptId }, { d => d.ScriptTitle, "Shared" } };
        await provider.InvokeAsync(() => dialogs.ShowAsync<MembersDialog>(null, parameters));
        provider.WaitForElement("[data-testid=member-item]");
        return provider;
    }

    [Fact]
    public async Task An_owner_adding_an_unknown_email_is_told_so_and_a_known_one_is_added()
    {
        var owner = await PageServices.CreateUserAsync(database);
        var knownEmail = $"known-{Guid.NewGuid():N}@example.com";
        var known = await PageServices.CreateUserAsync(database, knownEmail);
        var id = await new ScriptCatalog(database.Factory).CreateBlankAsync(owner, "Shared", TestContext.Current.CancellationToken);
        await using var context = PageServices.Create(database, owner);
        var dialog = await ShowAsync(context, id);

        dialog.Find("[data-testid=members-email]").Input("nobody@example.com");
        dialog.Find("[data-testid=members-add]").Click();
        dialog.WaitForAssertion(() => Assert.Contains("No account uses nobody@example.com", dialog.Find("[data-testid=members-error]").TextContent));

        dialog.Find("[data-testid=members-email]").Input(knownEmail.ToUpperInvariant());
        dialog.Find("[data-testid=members-add]").Click();
        dialog.WaitForAssertion(() => Assert.Equal(2, dialog.FindAll("[data-testid=member-item]").Count));
        Assert.Empty(dialog.FindAll("[data-testid=members-error]"));
        var members = await new ScriptMembers(database.Factory).ListAsync(owner, id, TestContext.Current.CancellationToken);
        Assert.Equal(ScriptRole.Writer, Assert.Single(members!, m => m.UserId == known).Role);
    }

    [Fact]
    public async Task The_only_owner_cannot_remove_themselves_and_is_told_why()
    {
        var owner = await PageServices.CreateUserAsync(database);
        var id = await new ScriptCatalog(database.Factory).CreateBlankAsync(owner, "Shared", TestContext.Current.CancellationToken);
        await using var context = PageServices.Create(database, owner);
        var dialog = await ShowAsync(context, id);

        dialog.Find("[data-testid=member-remove]").Click();

        dialog.WaitForAssertion(() => Assert.Contains("at least one owner", dialog.Find("[data-testid=members-error]").TextContent));
        Assert.Single(dialog.FindAll("[data-testid=member-item]"));
    }

    [Fact]
    public async Task A_reader_sees_the_members_but_no_way_to_change_them()
    {
        var owner = await PageServices.CreateUserAsync(database);
        var reader = await PageServices.CreateUserAsync(database);
        var ct = TestContext.Current.CancellationToken;
        var id = await new ScriptCatalog(database.Factory).CreateBlankAsync(owner, "Shared", ct);
        await new ScriptMembers(database.Factory).SetRoleAsync(owner, id, reader, ScriptRole.Reader, ct);
        await using var context = PageServices.Create(database, reader);
        var dialog = await ShowAsync(context, id);

        Assert.Equal(2, dialog.FindAll("[data-testid=member-item]").Count);
        Assert.Empty(dialog.FindAll("[data-testid=members-email], [data-testid=members-add], [data-testid=member-remove]"));
    }
}
