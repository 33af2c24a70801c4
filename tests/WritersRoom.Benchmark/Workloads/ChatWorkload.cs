using System.Diagnostics;
using WritersRoom.Web.Chat;

namespace WritersRoom.Benchmark.Workloads;

/// <summary>
/// <c>--chats</c> assistant conversations, each sending its next message as soon as the last answer finished,
/// through the <see cref="ChatPipeline"/> a circuit uses. The pipeline's own step histogram (access,
/// conversation, intent, context, first_token, generation, save) reaches the report through
/// <see cref="StepRecorder"/>; here only what the writer sees is timed: until their message is stored and shown
/// (<c>chat.message_stored</c>) and the whole turn (<c>chat.turn</c>).
/// </summary>
public sealed class ChatWorkload(WorkloadContext context) : IWorkload
{
    private static readonly string[] Questions =
    [
        "Where does Will first doubt his father?", "Brainstorm an alternative ending.", "Is Jenny's age consistent?",
        "What happens at the river?", "Summarise the witch's scene.", "How does Edward meet Sandra?",
    ];

    private readonly ChatPipeline _pipeline = context.Services.GetRequiredService<ChatPipeline>();
    private long _turns;
    private long _failed;
    private long _rejected;

    public string Name => "chat";

    public string Status =>
        $"measured: {Interlocked.Read(ref _turns)} turns through ChatPipeline ({Interlocked.Read(ref _failed)} failed, {Interlocked.Read(ref _rejected)} rejected by limits)";

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, context.Options.Chats).Select(i => ConversationAsync(i, stop)));

    private async Task ConversationAsync(int index, CancellationToken stop)
    {
        // One writer per conversation, so the per-user rate limit sees one conversation's pace.
        var user = context.Writers[index % context.Writers.Count];
        var script = context.HotScripts[index % context.HotScripts.Count];
        var conversation = Guid.NewGuid();
        var turn = 0;
        while (!stop.IsCancellationRequested)
        {
            var request = new ChatTurnRequest(script, conversation, turn == 0, Questions[(index + turn) % Questions.Length],
                $"bench-{conversation:N}-{turn}");
            turn++;
            var start = Stopwatch.GetTimestamp();
            try
            {
                await foreach (var e in _pipeline.SendAsync(user, request, stop))
                {
                    switch (e)
                    {
                        case UserMessageStored:
                            context.Steps.Record("chat.message_stored", StepRecorder.Since(start));
                            break;
                        case TurnRejected:
                            Interlocked.Increment(ref _rejected);
                            break;
                        case AnswerFinished:
                            context.Steps.Record("chat.turn", StepRecorder.Since(start));
                            Interlocked.Increment(ref _turns);
                            break;
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return; // The run ended mid-turn; that turn is not counted.
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // A failed turn is counted and reported, and the conversation goes on, as a writer would retry.
                Interlocked.Increment(ref _failed);
                context.Steps.Record("chat.failed", StepRecorder.Since(start));
            }
        }
    }
}
