using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Streams the answer through Semantic Kernel with the turn's tools (automatic calling, capped rounds).
/// Before the first token: a 429 waits its Retry-After and a 5xx retries, each once. After it: any failure
/// (dropped stream, silence, error) keeps what arrived and marks the answer incomplete, for the writer to retry.
/// Never throws for a provider fault; the writer's stop (cancellation) also ends as incomplete.
/// </summary>
public sealed class AnswerStreamer(IServiceProvider services, IOptions<AiOptions> ai, IOptions<AssistantOptions> options,
    AiProviderInfo provider, ILogger<AnswerStreamer> log)
{
    private static readonly TimeSpan MaxRetryAfter = TimeSpan.FromSeconds(20);

    public async IAsyncEnumerable<string> StreamAsync(ChatContext context, AnswerOutcome outcome, StepTimer timer,
        [EnumeratorCancellation] CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(timer);
        var kernel = services.GetRequiredService<Kernel>();
        kernel.Plugins.AddFromObject(context.Tools, "script");
        if (context.Rewrites is { } rewrites) kernel.Plugins.AddFromObject(rewrites, "rewrite");
        kernel.AutoFunctionInvocationFilters.Add(new ToolRoundLimit(options.Value.MaxToolRounds));
        var chat = kernel.GetRequiredService<IChatCompletionService>();
        var history = History(context.Prompt);
        var settings = new PromptExecutionSettings { FunctionChoiceBehavior = provider.IsOffline ? null : FunctionChoiceBehavior.Auto() };
        outcome.Model = provider.ChatModel;

        bool retried429 = false, retried5xx = false, any = false;
        while (true)
        {
            var stream = StreamTimeouts.WithTimeouts(
                token => chat.GetStreamingChatMessageContentsAsync(history, settings, kernel, token),
                ai.Value.FirstTokenTimeout, ai.Value.BetweenTokensTimeout, ct);
            await using var items = stream.GetAsyncEnumerator(ct);
            Exception? failure = null;
            while (true)
            {
                StreamingChatMessageContent? update = null;
                try
                {
                    if (!await items.MoveNextAsync()) break;
                    update = items.Current;
                }
                catch (Exception e)
                {
                    failure = e;
                    break;
                }

                ReadUsage(update, outcome);
                if (string.IsNullOrEmpty(update.Content)) continue;
                if (!any) timer.Mark("first_token");
                any = true;
                yield return update.Content;
            }

            if (failure is null)
            {
                timer.Mark(any ? "generation" : "first_token");
                yield break;
            }

            var fault = ModelFault.Of(failure);
            if (!any && !ct.IsCancellationRequested && fault.IsRateLimited && !retried429)
            {
                retried429 = true;
                var wait = fault.RetryAfter is { } r && r > TimeSpan.Zero ? (r < MaxRetryAfter ? r : MaxRetryAfter) : TimeSpan.FromSeconds(1);
                log.LogWarning("Provider rate-limited the answer; retrying once after {Wait}", wait);
                await Task.Delay(wait, ct);
                continue;
            }

            if (!any && !ct.IsCancellationRequested && fault.IsServerError && !retried5xx)
            {
                retried5xx = true;
                log.LogWarning(failure, "Provider failed with {Status}; retrying once", fault.Status);
                continue;
            }

            timer.Mark(any ? "generation" : "first_token");
            outcome.Status = any || ct.IsCancellationRequested ? MessageStatus.Incomplete : MessageStatus.Failed;
            outcome.Error = ct.IsCancellationRequested ? "Stopped." : Describe(failure, fault);
            if (!ct.IsCancellationRequested) log.LogWarning(failure, "Answer ended early ({Status})", outcome.Status);
            yield break;
        }
    }

    private static ChatHistory History(AssembledPrompt prompt)
    {
        var history = new ChatHistory(prompt.System);
        foreach (var turn in prompt.History)
            history.AddMessage(turn.FromUser ? AuthorRole.User : AuthorRole.Assistant, turn.Text);
        history.AddUserMessage(prompt.User);
        return history;
    }

    private static void ReadUsage(StreamingChatMessageContent update, AnswerOutcome outcome)
    {
        if (update.InnerContent is ChatResponseUpdate inner)
            foreach (var usage in inner.Contents.OfType<UsageContent>())
            {
                outcome.PromptTokens = (int?)usage.Details.InputTokenCount ?? outcome.PromptTokens;
                outcome.CompletionTokens = (int?)usage.Details.OutputTokenCount ?? outcome.CompletionTokens;
            }
    }

    private static string Describe(Exception failure, ModelFault fault) => failure switch
    {
        TimeoutException t => t.Message,
        _ when fault.IsRateLimited => "The model provider is busy (rate limited). Try again in a minute.",
        _ when fault.Status is { } s => $"The model provider failed (HTTP {s}).",
        _ => "The answer was cut off: the connection to the model dropped.",
    };
}
