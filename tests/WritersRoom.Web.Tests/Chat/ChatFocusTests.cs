using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using WritersRoom.Core.Fountain;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Tests.Ai;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>
/// Where the writer is (the scene of the cursor, the selection) through the real pipeline and connector, and what an
/// answer may cite: the scenes the model was shown, including those it read through its tools, and nothing else.
/// </summary>
public sealed class ChatFocusTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private RewriteRoom room = null!;

    // One retrieved scene per turn, so a scene the model sees otherwise came through the cursor or a tool.
    public async ValueTask InitializeAsync() => room = await RewriteRoom.StartAsync(database, ("Assistant:RetrievedScenes", "1"));

    public ValueTask DisposeAsync() => room.DisposeAsync();

    private async Task<Guid> SceneIdAsync(int index) =>
        (await ChatComponentsScenes()).ElementAt(index).SceneId;

    private Task<IReadOnlyList<Core.Retrieval.SceneDocument>> ChatComponentsScenes() =>
        new Data.Chat.SceneCorpus(database.DataSource).LoadAsync(room.Script, "", null, TestContext.Current.CancellationToken);

    /// <summary>The user message of the last chat request the model got.</summary>
    private string LastPrompt() =>
        room.Model.Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).Last()
            .Body["messages"]!.AsArray().Last(m => (string?)m!["role"] == "user")!["content"] is JsonValue v ? (string)v! : "";

    private void Answer(params string[] pieces)
    {
        var channel = Channel.CreateUnbounded<string>();
        foreach (var piece in pieces) channel.Writer.TryWrite(piece);
        channel.Writer.Complete();
        room.Model.ManualAnswer = channel;
    }

    [Fact]
    public async Task The_cursors_scene_goes_first_into_the_prompt_and_a_question_about_this_scene_cites_it()
    {
        var cave = await SceneIdAsync(1);

        var message = await room.AskAsync("What is going on in this scene?", sceneId: cave, selection: "Karl the giant sulks");

        var prompt = LastPrompt();
        Assert.Contains("The writer's cursor is in [Scene 2]", prompt);
        Assert.Contains("Selected text:\n\"\"\"\nKarl the giant sulks\n\"\"\"", prompt);
        var scenes = prompt[prompt.IndexOf("Scenes from the script:", StringComparison.Ordinal)..];
        Assert.StartsWith("Scenes from the script:\n\n[Scene 2] EXT. CAVE - NIGHT", scenes);
        // The fake model's answer cites nothing; the question was about the current scene, so that is its source.
        var citation = Assert.Single(message.Citations);
        Assert.Equal(cave, citation.SceneId);
    }

    [Fact]
    public async Task A_current_scene_from_another_script_is_left_out_and_logged()
    {
        var other = await new ScriptImporter(database.Factory).ImportAsync(
            FountainParser.Parse("INT. SECRET LAB - NIGHT\n\nThe formula reads XYZZY-42.\n"), "Other", room.Owner, TestContext.Current.CancellationToken);
        var foreignScene = (await new Data.Chat.SceneCorpus(database.DataSource).LoadAsync(other, "", null, TestContext.Current.CancellationToken))[0].SceneId;

        var message = await room.AskAsync("What is going on in this scene?", sceneId: foreignScene);

        var prompt = LastPrompt();
        Assert.DoesNotContain("XYZZY-42", prompt);
        Assert.DoesNotContain("cursor is in", prompt);
        Assert.DoesNotContain(message.Citations, c => c.SceneId == foreignScene);
        Assert.Contains(room.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains(foreignScene.ToString(), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scene_the_model_read_through_a_tool_is_citable_and_a_scene_number_not_in_the_script_is_dropped()
    {
        var river = await SceneIdAsync(0);
        room.Model.ToolCalls.Enqueue(("read_scene", """{"scene":"1"}"""));
        Answer("Edward wades in [Scene 1]", "; Karl sulks [Scene 2]", "; the storm is in [Scene 99].");

        var message = await room.AskAsync("Who sulks in the cave?");

        // Retrieval gave the model the cave only; the river came through read_scene.
        var first = room.Model.Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).First();
        Assert.DoesNotContain("[Scene 1]", first.Body["messages"]!.ToJsonString());
        Assert.Equal([1, 2], message.Citations.Select(c => c.Ordinal!.Value));
        Assert.Equal(river, message.Citations[0].SceneId);
        Assert.Contains("Edward wades in with the bait.", Assert.Single(room.Model.ToolResults));
    }
}
