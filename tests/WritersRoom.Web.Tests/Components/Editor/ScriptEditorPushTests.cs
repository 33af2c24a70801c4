using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using Bunit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WritersRoom.Core.Editing;
using WritersRoom.Web.Components.Editor;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Tests.Editing;

using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Editor;

/// <summary>
/// The editor component's pushes to the browser (another writer's edits, acknowledgements) when the browser cannot take
/// one: a push that fails in the page's script is a bug, logged at error and counted, and one lost with a dropped
/// connection is given up when the connection drops. Neither ends the circuit or stops the pushes that follow.
/// </summary>
public sealed class ScriptEditorPushTests : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n";
    private readonly EditingTestHost host = new();
    private readonly ConcurrentQueue<(string Method, string Reason)> dropped = new();
    private MeterListener? listener;

    public async ValueTask InitializeAsync()
    {
        await host.InitializeAsync();
        // This host's push failures, by reason (other test classes' hosts count their own).
        var meters = host.Host.Services.GetRequiredService<IMeterFactory>();
        listener = new MeterListener
        {
            InstrumentPublished = (instrument, l) =>
            {
                if (instrument.Meter.Scope == meters && instrument.Name == "writersroom.editing.push_failures") l.EnableMeasurementEvents(instrument);
            },
        };
        listener.SetMeasurementEventCallback<long>((_, _, tags, _) =>
        {
            string? method = null, reason = null;
            foreach (var tag in tags)
            {
                if (tag.Key == "method") method = (string?)tag.Value;
                if (tag.Key == "reason") reason = (string?)tag.Value;
            }
            dropped.Enqueue((method ?? "", reason ?? ""));
        });
        listener.Start();
    }

    public async ValueTask DisposeAsync()
    {
        listener?.Dispose();
        await host.DisposeAsync();
    }

    [Fact]
    public async Task A_push_the_pages_script_fails_on_is_logged_as_an_error_and_the_next_edits_still_reach_the_same_circuit()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var js = new FakeEditorJs();
        await using var context = EditorComponentContext.Create(host, owner, js);
        context.Render<ScriptEditor>(p => p.Add(e => e.ScriptId, script));
        await js.Editor.Created.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        using var coWriter = await host.Editor.OpenAsync(script, owner, "Co", new RecordingClient(), TestContext.Current.CancellationToken);

        js.Editor.FailNext("receive");
        await AppendAsync(coWriter, " One.");
        await Eventually(() => host.Logs.Entries.Any(e => e.Level == LogLevel.Error && e.Message.Contains("failed on receive")));
        await AppendAsync(coWriter, " Two.");

        await Eventually(() => Received(js).Any(t => t.EndsWith(" One. Two.", StringComparison.Ordinal)));
        Assert.DoesNotContain(Received(js), t => t.EndsWith(" One.", StringComparison.Ordinal));
        Assert.Contains(("receive", "script_error"), dropped);
        Assert.False(context.Renderer.UnhandledException.IsCompleted);
    }

    [Fact]
    public async Task A_push_lost_with_the_connection_is_given_up_when_it_drops_and_pushes_resume_when_it_is_back()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var js = new FakeEditorJs();
        var link = new CircuitLink();
        await using var context = EditorComponentContext.Create(host, owner, js, link);
        context.Render<ScriptEditor>(p => p.Add(e => e.ScriptId, script));
        await js.Editor.Created.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        using var coWriter = await host.Editor.OpenAsync(script, owner, "Co", new RecordingClient(), TestContext.Current.CancellationToken);

        // The connection goes while a push is on its way: the framework never answers it.
        js.Editor.LeaveNextUnanswered("receive");
        await AppendAsync(coWriter, " One.");
        await Eventually(() => js.Editor.Unanswered.Contains("receive"));
        link.Down();
        await AppendAsync(coWriter, " Two.");
        // One's push given up as the connection dropped, Two's not even tried.
        await Eventually(() => dropped.Count(d => d == ("receive", "disconnected")) == 2);

        link.Up();
        await AppendAsync(coWriter, " Three.");

        await Eventually(() => Received(js).Any(t => t.EndsWith(" One. Two. Three.", StringComparison.Ordinal)));
        // Pushed while the browser was away: dropped, not sent into the void (the browser resyncs on reconnect).
        Assert.DoesNotContain(Received(js), t => t.EndsWith(" Two.", StringComparison.Ordinal));
        Assert.False(context.Renderer.UnhandledException.IsCompleted);
    }

    /// <summary>The co-writer types at the end of the script's one action paragraph.</summary>
    private static async Task AppendAsync(EditorConnection writer, string text)
    {
        var edward = writer.Session.Snapshot().Blocks[1];
        await writer.SubmitAsync([EditOp.Update(edward.Id, edward.Version, edward.Text, edward.Text + text)], ct: TestContext.Current.CancellationToken);
    }

    /// <summary>The paragraph texts of every update the browser's editor was handed.</summary>
    private static List<string> Received(FakeEditorJs js) =>
        js.Editor.CallsOf("receive").SelectMany(args => (IEnumerable<EditorUpdate>)args[0]!).SelectMany(u => u.Blocks).Select(b => b.Text).ToList();

    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 600 && !condition(); i++) await Task.Delay(50, TestContext.Current.CancellationToken);
        Assert.True(condition());
    }
}
