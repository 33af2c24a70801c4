using Microsoft.Extensions.AI;
using WritersRoom.Core.Ai;
using WritersRoom.Web.Ai;

namespace WritersRoom.Web.Tests.Ai;

public sealed class OfflineChatClientTests
{
    private static readonly ChatMessage[] Conversation =
    [
        new(ChatRole.System, """
            You are the writers' assistant. Cite scenes.

            [Scene 7] EXT. RIVER - DAY
            Edward lures the giant catfish with his wedding ring.

            [Scene 9] INT. HOSPITAL - NIGHT
            Will reads the newspaper beside the bed.
            """),
        new(ChatRole.User, "How does Edward catch the catfish?"),
    ];

    private readonly OfflineChatClient _client = new();

    [Fact]
    public async Task Streamed_updates_concatenate_to_the_non_streamed_answer()
    {
        var response = await _client.GetResponseAsync(Conversation, cancellationToken: TestContext.Current.CancellationToken);

        var updates = new List<ChatResponseUpdate>();
        await foreach (var update in _client.GetStreamingResponseAsync(Conversation, cancellationToken: TestContext.Current.CancellationToken))
            updates.Add(update);

        Assert.True(updates.Count(u => u.Text.Length > 0) > 5);
        Assert.Equal(response.Text, string.Concat(updates.Select(u => u.Text)));
        Assert.Equal(response.Text, updates.ToChatResponse().Text);
    }

    [Fact]
    public async Task Asked_to_rewrite_it_says_offline_cannot_and_quotes_the_passage_to_rework_by_hand()
    {
        ChatMessage[] asked = [Conversation[0], new(ChatRole.User, "Rewrite the catfish line, make it funnier.")];

        var response = await _client.GetResponseAsync(asked, cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith(ExtractiveResponder.OfflinePrefix + ExtractiveResponder.CannotRewrite, response.Text);
        Assert.Contains("\"Edward lures the giant catfish with his wedding ring.\" [Scene 7]", response.Text);
    }

    [Fact]
    public async Task Answer_is_labelled_offline_and_cites_the_scene_it_quotes()
    {
        var response = await _client.GetResponseAsync(Conversation, cancellationToken: TestContext.Current.CancellationToken);

        Assert.StartsWith(ExtractiveResponder.OfflinePrefix, response.Text);
        Assert.Contains("wedding ring", response.Text);
        Assert.Equal([7], SceneCitation.FindAll(response.Text));
        Assert.Equal(ChatFinishReason.Stop, response.FinishReason);
    }

    [Fact]
    public async Task Usage_is_reported_both_ways()
    {
        var response = await _client.GetResponseAsync(Conversation, cancellationToken: TestContext.Current.CancellationToken);
        var streamed = new List<ChatResponseUpdate>();
        await foreach (var update in _client.GetStreamingResponseAsync(Conversation, cancellationToken: TestContext.Current.CancellationToken))
            streamed.Add(update);

        Assert.True(response.Usage?.InputTokenCount > 10);
        Assert.True(response.Usage?.OutputTokenCount > 5);
        Assert.Equal(response.Usage?.TotalTokenCount, streamed.ToChatResponse().Usage?.TotalTokenCount);
        Assert.Equal(ChatFinishReason.Stop, streamed[^1].FinishReason);
    }

    [Fact]
    public async Task Tools_are_ignored_and_never_called()
    {
        var called = false;
        var options = new ChatOptions { Tools = [AIFunctionFactory.Create(() => called = true, "search_scenes")] };

        var response = await _client.GetResponseAsync(Conversation, options, TestContext.Current.CancellationToken);

        Assert.False(called);
        Assert.DoesNotContain(response.Messages.SelectMany(m => m.Contents), c => c is FunctionCallContent);
    }

    [Fact]
    public async Task Streaming_stops_when_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        var received = 0;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var _ in _client.GetStreamingResponseAsync(Conversation, cancellationToken: cancel.Token))
                if (++received == 2)
                    await cancel.CancelAsync();
        });
        Assert.Equal(2, received);
    }

    [Fact]
    public async Task Without_retrieved_scenes_it_says_so()
    {
        var response = await _client.GetResponseAsync([new ChatMessage(ChatRole.User, "Hello there")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.EndsWith(ExtractiveResponder.NothingFound, response.Text);
    }
}
