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
/// Global context (cache), history (read with the message's insert, else one query) and retrieval (query embedding,
/// then one query, which also yields the scene the writer's cursor is in) run at once; then the prompt is cut to the
/// token budget, the current scene first.
/// The embedding call holds no connection: the retrieval query opens one only after the vector is in hand.
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
    ILogger<ChatContextBuilder> log,
    ILogger<ScriptTools> toolLog)
{
    /// <summary>Selected text beyond this is cut (with a mark): a selection is a passage, not the script.</summary>
    public const int MaxSelectionChars = 4000;

    /// <summary>The current scene's text in the prompt is cut here, so one long scene cannot crowd out everything else.</summary>
    private const int MaxCurrentSceneChars = 8000;

    /// <summary>How many of a thread's newest messages a prompt may replay (one more, for the turn's own question).</summary>
    public int HistoryWindow => options.Value.UnsummarizedWindow + 1;

    /// <param name="history">The thread's history when the caller read it already (with the message's insert); read here otherwise.</param>
    /// <remarks>The history leaves out this turn's own messages by their keys (the question just stored, an answer being retried).</remarks>
    public async Task<ChatContext> BuildAsync(string userId, ChatTurnRequest request, ChatIntent intent, ThreadHistory? history, CancellationToken ct)
    {
        var o = options.Value;
        var started = Stopwatch.GetTimestamp();
        var timings = new ConcurrentDictionary<string, double>(StringComparer.Ordinal);
        var global = Timed(timings, "context.global", () => GlobalTextAsync(request.ScriptId, ct));
        var thread = history is not null || request.NewConversation
            ? Task.FromResult(history ?? new ThreadHistory(null, []))
            : Timed(timings, "context.history", () => store.LoadRecentAsync(request.ConversationId, request.ScriptId, userId, HistoryWindow, ct));
        var scenes = intent == ChatIntent.ChitChat
            ? Task.FromResult(new RetrievedScenes([], []))
            : RetrieveAsync(request, o.RetrievedScenes, timings, ct);
        await Task.WhenAll(global, thread, scenes);

        var (summary, recent) = await thread;
        var turns = recent.Where(m => m.IdempotencyKey != request.UserKey && m.IdempotencyKey != request.AssistantKey)
            .TakeLast(o.UnsummarizedWindow)
            .Select(m => new HistoryTurn(m.Role == MessageRole.User, m.Content)).ToList();
        var (retrieved, all) = await scenes;
        var here = CurrentScene(request, all, userId);
        // The current scene first: it is what "this scene" means, and the budget keeps the first scenes.
        IReadOnlyList<SceneDocument> found = here is null ? retrieved : [here, .. retrieved.Where(s => s.SceneId != here.SceneId)];
        var parts = new PromptParts(intent, request.Text, await global, summary, turns,
            found.Select(s => new RetrievedPassage(s.Number, s.Heading, s.Summary, PassageText(s, ReferenceEquals(s, here)))).ToList(),
            Cut(request.Selection, MaxSelectionChars), here?.Number);
        var prompt = await Timed(timings, "context.prompt", () => Task.FromResult(assembler.Assemble(parts, o.PromptTokenBudget)));
        var kept = found.Take(prompt.ScenesKept).ToList();
        var tools = new ScriptTools(request.ScriptId, userId, access, reader, search, toolLog);
        var rewrites = new RewriteTools(request.ScriptId, userId, access, reader, kept, tools);
        // The budget of the context step excludes the query embedding, a model call: this is our own share.
        timings["context.own"] = Stopwatch.GetElapsedTime(started).TotalMilliseconds - timings.GetValueOrDefault("context.embedding");
        return new ChatContext(prompt, kept, tools) { Timings = timings, Rewrites = rewrites, CurrentScene = here is not null && kept.Contains(here) ? here : null };
    }

    /// <summary>The scene the panel says the cursor is in, if it is in this script; another script's scene id is ignored (and logged).</summary>
    private SceneDocument? CurrentScene(ChatTurnRequest request, IReadOnlyList<SceneDocument> scenes, string userId)
    {
        if (request.SceneId is not { } sceneId || scenes.Count == 0) return null;
        var scene = scenes.FirstOrDefault(s => s.SceneId == sceneId);
        if (scene is null) log.LogWarning("{UserId} sent scene {SceneId} as the current scene of script {ScriptId}, which does not hold it", userId, sceneId, request.ScriptId);
        return scene;
    }

    private static string PassageText(SceneDocument scene, bool current)
    {
        var text = string.Join('\n', scene.BlockTexts.Skip(1));
        return current ? Cut(text, MaxCurrentSceneChars)! : text;
    }

    private static string? Cut(string? text, int max) => text is null || text.Length <= max ? text : text[..max] + "\n[…]";

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

    private Task<RetrievedScenes> RetrieveAsync(ChatTurnRequest request, int k, ConcurrentDictionary<string, double> timings, CancellationToken ct)
    {
        var query = request.Selection is { Length: > 0 } s ? request.Text + "\n" + s : request.Text;
        return search.FindAsync(request.ScriptId, query, k, ct, timings);
    }
}
