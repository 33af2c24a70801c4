using System.Text.Json;
using Bunit;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using WritersRoom.Web.Components.Editor;
using WritersRoom.Web.Security.Circuits;
using WritersRoom.Web.Tests.Editing;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Editor;

/// <summary>
/// The editor component's [JSInvokable] methods called with raw JSON through the framework's dispatcher, as a hostile
/// page would call them: wrong types never reach our code, nulls and negative offsets are refused and logged, another
/// script's paragraph ends the circuit (the renderer gets the exception that makes the framework drop it).
/// </summary>
public sealed class ScriptEditorInteropTests : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nEXT. ROAD - NIGHT\n\nA car passes.\n";
    private readonly EditingTestHost host = new();

    public ValueTask InitializeAsync() => host.InitializeAsync();
    public ValueTask DisposeAsync() => host.DisposeAsync();

    private BunitContext Context(string userId) => EditorComponentContext.Create(host, userId);

    private int Logged(string start) => host.Logs.Entries.Count(e => e.Level == LogLevel.Warning && e.Message.StartsWith(start, StringComparison.Ordinal));

    [Fact]
    public async Task Raw_interop_calls_with_wrong_types_nulls_or_another_scripts_paragraph_are_refused_and_the_last_ends_the_circuit()
    {
        var owner = await host.CreateUserAsync("owner");
        var mine = await host.ImportAsync(Fountain, owner);
        var theirs = await host.ImportAsync(Fountain, await host.CreateUserAsync("other"));
        var their = (await host.StoredParagraphsAsync(theirs))[1];
        await using var context = Context(owner);
        var editor = context.Render<ScriptEditor>(p => p.Add(e => e.ScriptId, mine));
        editor.WaitForElement(".editor-host", TimeSpan.FromSeconds(30));
        var before = await host.StoredParagraphsAsync(mine);
        var browser = new BrowserInterop();
        using var reference = DotNetObjectReference.Create(editor.Instance);
        var id = browser.Track(reference);
        var op = (object opId, object kind, object blockId, object baseVersion) => JsonSerializer.Serialize(new[] { new
        {
            opId, kind, blockId, baseVersion, baseText = their.Text, text = "Hijacked.",
        } });

        // Wrong types: the dispatcher cannot bind them, so the method never runs; the circuit goes on.
        string[] wrong =
        [
            $"[{op("not-a-guid", "UpdateText", their.Id, 0)}, false]",
            $"[{op(Guid.NewGuid(), "UpdateText", their.Id, "ten")}, false]",
            $"[{op(Guid.NewGuid(), 7, their.Id, 0)}, false]",
            """[{"ops":1}, "yes"]""",
            "[]",
        ];
        foreach (var args in wrong) Assert.False((await browser.CallAsync(id, "Submit", args)).Success, args);
        Assert.False((await browser.CallAsync(id, "Presence", """["not-a-guid", 3]""")).Success);
        Assert.Equal(0, Logged("Refused"));

        // Nulls and a negative caret reach the method: refused there, with a reason in the log.
        Assert.True((await browser.CallAsync(id, "Submit", "[null, false]")).Success);
        Assert.True((await browser.CallAsync(id, "Submit", "[[null], true]")).Success);
        Assert.True((await browser.CallAsync(id, "Presence", $"[\"{before[1].Id}\", -4]")).Success);
        Assert.Equal(3, Logged("Refused malformed input from " + owner));
        Assert.False(context.Renderer.UnhandledException.IsCompleted);

        // Another script's paragraph: a security event, and the circuit is ended.
        Assert.True((await browser.CallAsync(id, "Submit", $"[{op(Guid.NewGuid(), "UpdateText", their.Id, 0)}, false]")).Success);

        var ended = Assert.IsType<CircuitEndedException>(await context.Renderer.UnhandledException.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Contains("another script", ended.Reason);
        Assert.Equal(1, Logged("Security event: user " + owner));
        Assert.Equal(before, await host.StoredParagraphsAsync(mine));
        Assert.DoesNotContain(await host.StoredParagraphsAsync(theirs), p => p.Text == "Hijacked.");
    }

    [Fact]
    public async Task A_comment_marker_on_another_scripts_paragraph_opens_nothing_and_ends_the_circuit()
    {
        var owner = await host.CreateUserAsync("owner");
        var mine = await host.ImportAsync(Fountain, owner);
        var their = (await host.StoredParagraphsAsync(await host.ImportAsync(Fountain, await host.CreateUserAsync("other"))))[0];
        await using var context = Context(owner);
        var editor = context.Render<ScriptEditor>(p => p.Add(e => e.ScriptId, mine));
        editor.WaitForElement(".editor-host", TimeSpan.FromSeconds(30));
        var browser = new BrowserInterop();
        using var reference = DotNetObjectReference.Create(editor.Instance);

        Assert.True((await browser.CallAsync(browser.Track(reference), "OpenComments", $"[\"{their.Id}\"]")).Success);

        Assert.IsType<CircuitEndedException>(await context.Renderer.UnhandledException.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken));
        Assert.Equal(1, Logged("Security event: user " + owner));
    }

    [Fact]
    public async Task A_script_the_user_is_not_a_member_of_shows_not_found_and_the_refusal_is_logged()
    {
        var stranger = await host.CreateUserAsync("stranger");
        var theirs = await host.ImportAsync(Fountain, await host.CreateUserAsync("other"));
        await using var context = Context(stranger);

        var editor = context.Render<ScriptEditor>(p => p.Add(e => e.ScriptId, theirs));

        editor.WaitForAssertion(() => Assert.Contains("not a member", editor.Markup), TimeSpan.FromSeconds(30));
        Assert.DoesNotContain("Edward", editor.Markup);
        Assert.Equal(1, Logged($"Refused to open script {theirs} for user {stranger}"));
    }
}
