using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Npgsql;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Chat;

/// <summary>
/// One assistant turn: access → store the user's message (one round trip, before any model call) → intent →
/// context in parallel → streamed answer with first/between-token timeouts and one retry on 429/5xx → save.
/// Every step is timed into the message and the step histogram. No connection is held while the model works.
/// A database that does not answer in time ends the turn with a <see cref="DatabaseTimeoutException"/> that says so
/// (the user's message is kept when it was stored; the caller keeps it otherwise).
/// </summary>
public sealed partial class ChatPipeline(
    ScriptAccess access,
    ChatStore store,
    ChatLimits limits,
    IntentResolver intents,
    ChatContextBuilder contextBuilder,
    AnswerStreamer streamer,
    ChatAfterTurn after,
    ChatMetrics metrics,
    NpgsqlDataSource dataSource,
    ILogger<ChatPipeline> log)
{
    public async IAsyncEnumerable<ChatEvent> SendAsync(string userId, ChatTurnRequest request, [EnumeratorCancellation] CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // Enumerated by hand: an iterator cannot yield inside a try that catches, and every step's database timeout
        // is translated here, in one place.
        await using var turn = TurnAsync(userId, request, ct).GetAsyncEnumerator(ct);
        while (true)
        {
            try
            {
                if (!await turn.MoveNextAsync()) yield break;
            }
            catch (Exception e) when (DatabaseTimeoutException.From(e, dataSource) is { } timeout)
            {
                throw timeout;
            }
            yield return turn.Current;
        }
    }

    private async IAsyncEnumerable<ChatEvent> TurnAsync(string userId, ChatTurnRequest request, [EnumeratorCancellation] CancellationToken ct)
    {
        var timer = new StepTimer(metrics);
        var started = Stopwatch.GetTimestamp();
        // Checked here, not only by the input box: a forged event can send anything the hub's message size allows.
        if (ChatLimits.Validate(request) is { } invalid)
        {
            log.LogWarning("Refused a chat message from {UserId} on script {ScriptId} ({Length} characters): {Reason}",
                userId, request.ScriptId, request.Text?.Length ?? 0, invalid);
            yield return new TurnRejected(invalid);
            yield break;
        }
        if (await limits.TryAcquireAsync(userId, ct) is { } refusal)
        {
            log.LogWarning("Refused a chat message from {UserId} on script {ScriptId}: {Reason}", userId, request.ScriptId, refusal);
            yield return new TurnRejected(refusal);
            yield break;
        }

        await RequireMemberAsync(userId, request.ScriptId, ct);
        timer.Mark("access");

        // Stored before anything else runs. Gathering the context at the same time was measured (docs/performance.md):
        // on two cores the insert then waits for the retrieval's CPU, and the message shows later with no gain overall.
        var title = request.NewConversation ? TitleFrom(request.Text) : null;
        // The thread's history comes back in the same round trip (a new thread has none).
        var window = request.NewConversation ? 0 : contextBuilder.HistoryWindow;
        var stored = await store.AppendUserMessageAsync(
            new UserTurn(request.ConversationId, request.ScriptId, userId, request.Text, request.UserKey, title, window), ct)
            ?? throw new ScriptNotFoundException(request.ScriptId);
        timer.Mark("conversation");
        yield return new UserMessageStored(request.ConversationId, stored.MessageId);

        var intent = await intents.ResolveAsync(request.Text, ct);
        timer.Mark("intent");

        var context = await contextBuilder.BuildAsync(userId, request, intent, stored.History, ct);
        timer.Mark("context");
        foreach (var (part, ms) in context.Timings) timer.Record(part, ms);
        // PERFORMANCE.md's "whole request before the model's own time": our overhead up to the answer's model call,
        // the query-embedding call (a model of its own) left out.
        timer.Record("pre_model", Stopwatch.GetElapsedTime(started).TotalMilliseconds - context.Timings.GetValueOrDefault("context.embedding"));

        var answer = new StringBuilder();
        var outcome = new AnswerOutcome();
        await foreach (var piece in streamer.StreamAsync(context, outcome, timer, ct))
        {
            answer.Append(piece);
            yield return new AnswerDelta(piece);
        }

        var message = new Message
        {
            ConversationId = request.ConversationId,
            Role = MessageRole.Assistant,
            Status = outcome.Status,
            Content = answer.ToString(),
            Citations = Citations.From(answer.ToString(), context.CitableScenes, Deictic(request) ? context.CurrentScene : null),
            Proposals = context.Rewrites?.Proposals.ToList() ?? [],
            PromptTokens = outcome.PromptTokens ?? context.Prompt.Tokens,
            CompletionTokens = outcome.CompletionTokens ?? TokenEstimate.Approximate(answer.ToString()),
            IdempotencyKey = request.AssistantKey,
            Model = outcome.Model,
            Error = outcome.Error,
            Timings = timer.Timings,
        };
        // The save must happen even when the writer pressed stop: the partial answer is kept, marked incomplete.
        message.Id = await store.SaveAssistantMessageAsync(message, CancellationToken.None);
        timer.Mark("save");
        message.Timings = timer.Timings;
        after.Completed(userId, request, message);
        // Token usage and the summary request are only enqueued here (PERFORMANCE.md: ≤ 1 ms); timed to prove it.
        timer.Mark("usage");
        yield return new AnswerFinished(message);
    }

    /// <summary>A question about "this scene" or the selection: the current scene is what the answer is about.</summary>
    private static bool Deictic(ChatTurnRequest request) =>
        request.Selection is { Length: > 0 } || DeicticWords().IsMatch(request.Text);

    [System.Text.RegularExpressions.GeneratedRegex(@"\b(this|current|present)\s+(scene|page|passage|paragraph|speech|line|bit)\b|\bselect(ed|ion)\b|\bhere\b",
        System.Text.RegularExpressions.RegexOptions.IgnoreCase)]
    private static partial System.Text.RegularExpressions.Regex DeicticWords();

    private async Task RequireMemberAsync(string userId, Guid scriptId, CancellationToken ct)
    {
        if (await access.GetRoleAsync(userId, scriptId, ct) is not null) return;
        log.LogWarning("Refused a chat message from {UserId} on script {ScriptId}: not a member, or no such script", userId, scriptId);
        throw new ScriptNotFoundException(scriptId);
    }

    /// <summary>The thread's title until the title job writes a better one: the first words of the message.</summary>
    public static string TitleFrom(string text)
    {
        var words = text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        var title = string.Join(' ', words.Take(8));
        if (title.Length > 80) title = title[..80].TrimEnd();
        return words.Length > 8 || title.Length < string.Join(' ', words).Length ? title + "…" : (title.Length == 0 ? "New thread" : title);
    }
}
