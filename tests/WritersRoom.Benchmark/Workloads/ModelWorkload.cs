using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace WritersRoom.Benchmark.Workloads;

/// <summary>
/// Stand-in for the chat workload until the chat pipeline is merged: each of <c>--chats</c> conversations asks
/// the app's own <see cref="IEmbeddingGenerator{TInput,TEmbedding}"/> for a query embedding and streams an answer
/// from its <see cref="IChatClient"/> (the fake model), back to back. It measures the provider plumbing's
/// overhead over the model's fixed latency (model.embedding ≈ 20 ms, model.first_token ≈ 300 ms).
/// </summary>
/// <remarks>
/// TODO(chat merge): replace with a workload that sends each message through the chat pipeline service the
/// circuit uses; its per-step histogram (meter WritersRoom.Chat, tag step) reaches the report by itself through
/// <see cref="StepRecorder"/>, so only the loop changes.
/// </remarks>
public sealed class ModelWorkload(WorkloadContext context) : IWorkload
{
    private readonly IChatClient _chat = context.Services.GetRequiredService<IChatClient>();
    private readonly IEmbeddingGenerator<string, Embedding<float>> _embeddings =
        context.Services.GetRequiredService<IEmbeddingGenerator<string, Embedding<float>>>();

    public string Name => "chat";

    public string Status => "not available: chat pipeline not merged; model plumbing measured instead (model.* steps)";

    public Task RunAsync(CancellationToken stop) =>
        Task.WhenAll(Enumerable.Range(0, context.Options.Chats).Select(i => ConversationAsync(i, stop)));

    private async Task ConversationAsync(int index, CancellationToken stop)
    {
        string[] questions = ["Where does Will first doubt his father?", "Brainstorm an alternative ending.", "Is Jenny's age consistent?"];
        var turn = 0;
        try
        {
            while (!stop.IsCancellationRequested)
            {
                var question = questions[(index + turn++) % questions.Length];
                var start = Stopwatch.GetTimestamp();
                await _embeddings.GenerateAsync([question], cancellationToken: stop);
                context.Steps.Record("model.embedding", StepRecorder.Since(start));

                var answerStart = Stopwatch.GetTimestamp();
                var first = true;
                await foreach (var _ in _chat.GetStreamingResponseAsync([new ChatMessage(ChatRole.User, question)], cancellationToken: stop))
                {
                    if (!first) continue;
                    first = false;
                    context.Steps.Record("model.first_token", StepRecorder.Since(answerStart));
                }
                context.Steps.Record("model.answer", StepRecorder.Since(answerStart));
            }
        }
        catch (OperationCanceledException) when (stop.IsCancellationRequested)
        {
            // The run ended mid-answer; that turn is not counted.
        }
    }
}
