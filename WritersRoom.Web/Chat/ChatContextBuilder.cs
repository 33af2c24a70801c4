using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Options;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Bible;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Global context (cache), history (one query) and retrieval (query embedding, then one query) run at once;
/// then the prompt is cut to the token budget. The embedding call holds no connection: the retrieval query
/// opens one only after the vector is in hand.
/// </summary>
public sealed class ChatContextBuilder(
    GlobalContextCache globalContext,
    ChatMetrics metrics,
    ChatStore store,
    SceneSearch search,
    ScriptAccess access,
    ScriptReader reader,
    PromptAssembler assembler,
    IOptions<AssistantOptions> options,
    ILogger<ScriptTools> toolLog)
{
    public async Task<ChatContext> BuildAsync(string userId, ChatTurnRequest request, ChatIntent intent, Guid userMessageId, CancellationToken ct)
    {
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var timings = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var global = Timed(timings, "context.global", () => GlobalTextAsync(request.ScriptId, ct));
        var history = request.NewConversation
            ? Task.FromResult<(string?, IReadOnlyList<Message>)>((null, []))
            : Timed(timings, "context.history", () => store.LoadRecentAsync(request.ConversationId, o.UnsummarizedWindow + 1, ct));
        var scenes = intent == ChatIntent.ChitChat
            ? Task.FromResult<IReadOnlyList<SceneDocument>>([])
            : RetrieveAsync(request, o.RetrievedScenes, timings, ct);
        await Task.WhenAll(global, history, scenes);

        var (summary, recent) = await history;
        var turns = recent.Where(m => m.Id != userMessageId && m.IdempotencyKey != request.UserKey && m.IdempotencyKey != request.AssistantKey)
            .TakeLast(o.UnsummarizedWindow)
            .Select(m => new HistoryTurn(m.Role == MessageRole.User, m.Content)).ToList();
        var found = await scenes;
        var parts = new PromptParts(intent, request.Text, await global, summary, turns,
            found.Select(s => new RetrievedPassage(s.Number, s.Heading, s.Summary, string.Join('\n', s.BlockTexts.Skip(1)))).ToList(),
            request.Selection);
        var prompt = await Timed(timings, "context.prompt", () => Task.FromResult(assembler.Assemble(parts, o.PromptTokenBudget)));
        var tools = new ScriptTools(request.ScriptId, userId, access, reader, search, toolLog);
        // The budget of the context step excludes the query embedding, a model call: this is our own share.
        timings["context.own"] = Stopwatch.GetElapsedTime(started).TotalMilliseconds - timings.GetValueOrDefault("context.embedding");
        return new ChatContext(prompt, found.Take(prompt.ScenesKept).ToList(), tools) { Timings = timings };
    }

    private static async Task<T> Timed<T>(ConcurrentDictionary<string, double> timings, string step, Func<Task<T>> part)
    {
        var started = Stopwatch.GetTimestamp();
        var result = await part();
        timings[step] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        return result;
    }

    private async Task<string?> GlobalTextAsync(Guid scriptId, CancellationToken ct)
    {
        var (context, hit) = globalContext.GetWithOutcome(scriptId);
        metrics.Cache("global_context", hit);
        return (await context.WaitAsync(ct)).ToPromptText();
    }

    private Task<IReadOnlyList<SceneDocument>> RetrieveAsync(ChatTurnRequest request, int k, ConcurrentDictionary<string, double> timings, CancellationToken ct)
    {
        var query = request.Selection is { Length: > 0 } s ? request.Text + "\n" + s : request.Text;
        return search.SearchAsync(request.ScriptId, query, k, ct, timings);
    }
}
