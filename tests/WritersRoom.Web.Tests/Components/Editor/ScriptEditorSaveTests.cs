using System.Text.Json;
using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.JSInterop;
using Npgsql;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Editor;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Tests.Editing;

using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Editor;

/// <summary>
/// What the browser's editor gets back when it saves, called through the framework's dispatcher as the page calls it:
/// "retry" while the database does not answer (never an exception that would leave the editor offline for good), and
/// the resent edits then land once, however the tries interleave with another writer's; "stop" with the reason once the
/// writer may no longer edit, so the editor stops instead of trying again.
/// </summary>
public sealed class ScriptEditorSaveTests : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n";
    private readonly LatencyProxy database = LatencyProxy.For(TestEnvironment.AdminConnectionString);
    private readonly EditingTestHost host;

    public ScriptEditorSaveTests() =>
        // The app's database through a proxy that can stall it. A query gives up after a second, without waiting for its
        // cancellation (which the stall would hold up too, letting the late answer slip in).
        host = new EditingTestHost
        {
            Connect = c => new NpgsqlConnectionStringBuilder(database.Through(c)) { CommandTimeout = 1, CancellationTimeout = -1 }.ConnectionString,
        };

    public ValueTask InitializeAsync() => host.InitializeAsync();

    public async ValueTask DisposeAsync()
    {
        database.Delay = TimeSpan.Zero;
        await host.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task A_resend_while_the_database_does_not_answer_is_answered_retry_and_the_edits_then_land_once()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var js = new FakeEditorJs();
        await using var context = EditorComponentContext.Create(host, owner, js);
        var component = context.Render<ScriptEditor>(p => p.Add(e => e.ScriptId, script));
        await js.Editor.Created.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var page = new Page(component.Instance);
        var edward = (await host.StoredParagraphsAsync(script))[1];
        using var coWriter = await host.Editor.OpenAsync(script, owner, "Co", new RecordingClient(), TestContext.Current.CancellationToken);

        // The writer's edit is applied and committed; the acknowledgement is what the browser may miss.
        var one = Update(edward.Id, 0, "Edward wades in.", "Edward wades in. One.");
        Assert.Equal("ok", (await page.SubmitAsync([one], resend: false)).Status);
        await Eventually(() => js.Editor.CallsOf("committed").Any(args => ((IEnumerable<Guid>)args[0]!).Contains(one.OpId)));
        // A co-writer adds to the paragraph: a second application of One would now show (three-way merges never drop text).
        var current = coWriter.Session.Snapshot().Blocks[1];
        await coWriter.SubmitAsync([EditOp.Update(current.Id, current.Version, current.Text, current.Text + " Two.")], ct: TestContext.Current.CancellationToken);
        await Eventually(async () => (await host.StoredParagraphsAsync(script))[1].Text == "Edward wades in. One. Two.");

        // The database stalls. The browser resends One with its next edit, as after a reconnect: the server must ask the
        // database what it already holds, cannot, and says so.
        database.Delay = TimeSpan.FromSeconds(10);
        var three = Update(edward.Id, 0, "Edward wades in. One. Two.", "Edward wades in. One. Two. Three.");
        var stalled = await page.SubmitAsync([one, three], resend: true);

        Assert.Equal("retry", stalled.Status);
        Assert.Contains("did not answer in time", stalled.Reason);
        Assert.Contains(host.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("could not be done now"));
        Assert.False(context.Renderer.UnhandledException.IsCompleted);

        // Back to speed: the browser tries again (as often as it is told to) with the same operations.
        database.Delay = TimeSpan.Zero;
        var attempts = 1;
        while ((await page.SubmitAsync([one, three], resend: true)).Status != "ok") Assert.True(++attempts < 20, "The server kept answering retry.");

        await Eventually(async () => (await host.StoredParagraphsAsync(script))[1].Text == "Edward wades in. One. Two. Three.");
        await Eventually(() => js.Editor.CallsOf("committed").Any(args => ((IEnumerable<Guid>)args[0]!).Contains(three.OpId)));
        Assert.Equal("Edward wades in. One. Two. Three.", (await host.StoredParagraphsAsync(script))[1].Text);
        Assert.False(context.Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public async Task Saving_after_the_writer_lost_their_membership_is_answered_stop_with_the_reason()
    {
        var owner = await host.CreateUserAsync("owner");
        var writer = await host.CreateUserAsync("writer");
        var script = await host.ImportAsync(Fountain, owner);
        await host.AddMemberAsync(script, writer, ScriptRole.Writer);
        var js = new FakeEditorJs();
        await using var context = EditorComponentContext.Create(host, writer, js);
        var component = context.Render<ScriptEditor>(p => p.Add(e => e.ScriptId, script));
        await js.Editor.Created.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        var page = new Page(component.Instance);
        var edward = (await host.StoredParagraphsAsync(script))[1];
        Assert.Equal("ok", (await page.SubmitAsync([Update(edward.Id, 0, edward.Text, edward.Text + " Mine.")], resend: false)).Status);
        await Eventually(async () => (await host.StoredParagraphsAsync(script))[1].Text == "Edward wades in. Mine.");

        await using (var db = await host.DbAsync())
            await db.ScriptMembers.Where(m => m.ScriptId == script && m.UserId == writer).ExecuteDeleteAsync(TestContext.Current.CancellationToken);
        host.Host.Services.GetRequiredService<ScriptAccess>().Forget(writer, script);

        var submitted = await page.SubmitAsync([Update(edward.Id, 0, "Edward wades in. Mine.", "Edward wades in. Mine. Gone.")], resend: false);
        var snapshot = await page.SnapshotAsync();

        Assert.Equal(("stop", "You are no longer a member of this script."), (submitted.Status, submitted.Reason));
        Assert.Equal(("stop", "You are no longer a member of this script."), (snapshot.Status, snapshot.Reason));
        Assert.Null(snapshot.Snapshot);
        Assert.Equal("Edward wades in. Mine.", (await host.StoredParagraphsAsync(script))[1].Text);
        Assert.False(context.Renderer.UnhandledException.IsCompleted);
    }

    private static ClientOp Update(Guid blockId, long baseVersion, string baseText, string text) =>
        new(Guid.NewGuid(), nameof(EditOpKind.UpdateText), blockId, baseVersion, baseText, text, null, null, null, null);

    private static async Task Eventually(Func<bool> condition) => await Eventually(() => Task.FromResult(condition()));

    private static async Task Eventually(Func<Task<bool>> condition)
    {
        for (var i = 0; i < 600 && !await condition(); i++) await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.True(await condition());
    }

    /// <summary>The page's side of the editor's calls: raw JSON through the framework's dispatcher, the reply read back as the page reads it.</summary>
    private sealed class Page(ScriptEditor editor)
    {
        private readonly BrowserInterop browser = new();
        private readonly DotNetObjectReference<ScriptEditor> reference = DotNetObjectReference.Create(editor);

        public Task<Reply> SubmitAsync(ClientOp[] ops, bool resend) =>
            CallAsync("Submit", JsonSerializer.Serialize(new object[] { ops, resend }, JsonSerializerOptions.Web));

        public Task<Reply> SnapshotAsync() => CallAsync("Snapshot", "[]");

        private async Task<Reply> CallAsync(string method, string args)
        {
            var result = await browser.CallAsync(browser.Track(reference), method, args);
            Assert.True(result.Success, result.Exception?.ToString());
            return JsonSerializer.Deserialize<Reply>(result.ResultJson!, JsonSerializerOptions.Web)!;
        }
    }

    private sealed record Reply(string Status, string? Reason, JsonElement? Snapshot);
}
