using Bunit;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Pages;
using WritersRoom.Web.Tests.Chat;

namespace WritersRoom.Web.Tests.Components.Chat;

public sealed class AssistantPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Script = "Title: The River\n\nINT. RIVER - DAY\n\nEdward catches the giant catfish.\n";

    [Fact]
    public async Task A_member_gets_the_assistant_with_the_thread_named_in_the_address_open()
    {
        var owner = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        var script = await ChatSeed.ImportAsync(database.Factory, Script, owner);
        await using var chat = ChatComponents.Create(database, owner, null);
        var thread = await chat.ThreadAsync(script, owner, "Who catches the catfish?");

        chat.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/scripts/{script}/assistant?thread={thread}");
        var page = chat.Context.Render<AssistantPage>(p => p.Add(a => a.Id, script));

        page.WaitForAssertion(() => Assert.Contains("Who catches the catfish?", page.Find("[data-testid=chat-message][data-role=user]").TextContent));
        Assert.Contains("selected", page.Find($"[data-testid=chat-thread][data-thread-id='{thread}']").ClassList);
        Assert.NotNull(page.Find("[data-testid=chat-panel] [data-testid=chat-thread-new]"));
    }

    [Fact]
    public async Task A_stranger_gets_not_found_and_no_assistant()
    {
        var owner = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        var stranger = await ChatSeed.UserAsync(database.Factory, Guid.NewGuid().ToString("N") + "@example.com");
        var script = await ChatSeed.ImportAsync(database.Factory, Script, owner);
        await using var chat = ChatComponents.Create(database, stranger, null);
        var thread = await chat.ThreadAsync(script, owner, "Who catches the catfish?", shared: true);

        chat.Context.Services.GetRequiredService<NavigationManager>().NavigateTo($"/scripts/{script}/assistant?thread={thread}");
        var page = chat.Context.Render<AssistantPage>(p => p.Add(a => a.Id, script));

        page.WaitForElement("[data-testid=not-found]");
        Assert.Empty(page.FindAll("[data-testid=chat-panel]"));
        Assert.DoesNotContain("catfish", page.Markup);
    }
}
