using System.Collections.Concurrent;
using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace WritersRoom.Web.Tests.Ai;

/// <summary>
/// A tiny model server on loopback that speaks the OpenAI chat/embeddings wire format (SSE chunks and
/// <c>data: [DONE]</c>, base64 or float embeddings) and Ollama's native one (NDJSON), and records what it got.
/// A request mentioning "slow" hangs until the client gives up, to exercise timeouts.
/// </summary>
internal sealed class FakeModelServer : IAsyncDisposable
{
    public static readonly string[] ChatPieces = ["Hello", " from", " the", " fake", " server."];

    private readonly WebApplication _app;

    private FakeModelServer(WebApplication app, string url)
    {
        _app = app;
        Url = url;
    }

    public string Url { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    /// <summary>Faults for the next chat requests, one each: "429" (Retry-After: 1), "500", "drop" (one piece, then the connection dies).</summary>
    public ConcurrentQueue<string> ChatFaults { get; } = new();

    /// <summary>
    /// Tool calls for the next streamed chat requests, one each: the request is answered with a call of the offered tool
    /// whose name ends with the given one (the connector prefixes the plugin's name, e.g. <c>script_read_scene</c>) and
    /// the given JSON arguments; the connector then runs the tool and asks again.
    /// </summary>
    public ConcurrentQueue<(string Name, string Arguments)> ToolCalls { get; } = new();

    /// <summary>Like <see cref="ToolCalls"/>, but each entry is one response that calls several tools at once (taken first).</summary>
    public ConcurrentQueue<(string Name, string Arguments)[]> ToolCallRounds { get; } = new();

    /// <summary>
    /// A model that does what it read: the streamed answer repeats every tool result the request carries (and the
    /// fixed pieces when there are none), so whatever a tool leaked would end up in the saved answer.
    /// </summary>
    public bool EchoToolResults { get; set; }

    /// <summary>
    /// When set, the next chat request streams the pieces the test writes here, one SSE chunk each, and ends when the
    /// channel completes: a test decides when each token arrives, with no timing involved.
    /// </summary>
    public Channel<string>? ManualAnswer
    {
        get => Volatile.Read(ref _manualAnswer);
        set => Volatile.Write(ref _manualAnswer, value);
    }

    private Channel<string>? _manualAnswer;

    /// <summary>The <c>tool</c> messages the app sent back to the model, in order.</summary>
    public IEnumerable<string> ToolResults => Requests.Where(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal))
        .SelectMany(r => ToolContents(r.Body))
        .Distinct();

    private static IEnumerable<string> ToolContents(JsonNode body) => (body["messages"]?.AsArray() ?? [])
        .Where(m => (string?)m?["role"] == "tool")
        .Select(m => m!["content"] is JsonValue v ? (string?)v ?? "" : m["content"]?.ToJsonString() ?? "");

    /// <summary>Runs when a chat request arrives, before it is answered (to observe what the app did first).</summary>
    public Func<Task>? BeforeChat { get; set; }

    public int ChatRequests => Requests.Count(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal));

    /// <summary>The vector returned for the input at <paramref name="index"/>: distinct per input, easy to assert.</summary>
    public static float[] VectorFor(int index) => [index + 1f, 0.5f, -0.25f];

    public static async Task<FakeModelServer> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        FakeModelServer? server = null;
        app.MapPost("/{**path}", (HttpContext context) => server!.HandleAsync(context));
        await app.StartAsync();

        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server = new FakeModelServer(app, address.TrimEnd('/'));
        return server;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) ?? new JsonObject();
        var path = context.Request.Path.Value ?? "";
        Requests.Enqueue(new RecordedRequest(
            path, body, context.Request.Headers.Authorization.ToString(), context.Request.Headers["api-key"].ToString()));

        if (body.ToJsonString().Contains("slow", StringComparison.Ordinal))
        {
            await Task.Delay(TimeSpan.FromSeconds(20), context.RequestAborted).ContinueWith(_ => { }, TaskScheduler.Default);
            return;
        }

        if (path.EndsWith("/chat/completions", StringComparison.Ordinal) && BeforeChat is { } before)
            await before();
        if (path.EndsWith("/chat/completions", StringComparison.Ordinal) && ChatFaults.TryDequeue(out var fault))
            await FaultAsync(context, body, fault);
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal) && Streamed(body) && ToolCallRounds.TryDequeue(out var round))
            await ToolCallAsync(context, body, round);
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal) && Streamed(body) && ToolCalls.TryDequeue(out var call))
            await ToolCallAsync(context, body, [call]);
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal) && Streamed(body) && Interlocked.Exchange(ref _manualAnswer, null) is { } manual)
            await ManualAsync(context, body, manual);
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal))
            await OpenAIChatAsync(context, body, EchoToolResults);
        else if (path.EndsWith("/embeddings", StringComparison.Ordinal))
            await OpenAIEmbeddingsAsync(context, body);
        else if (path == "/api/chat")
            await OllamaChatAsync(context, body);
        else if (path == "/api/embed")
            await OllamaEmbedAsync(context, body);
        else
            context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private static async Task OpenAIChatAsync(HttpContext context, JsonNode body, bool echoTools)
    {
        var model = (string?)body["model"];
        if (body["stream"]?.GetValue<bool>() != true)
        {
            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-fake", @object = "chat.completion", created = 1_700_000_000, model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = string.Concat(ChatPieces) }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 5, completion_tokens = 5, total_tokens = 10 },
            });
            return;
        }

        context.Response.ContentType = "text/event-stream";
        var toolResults = echoTools ? ToolContents(body).ToList() : [];
        foreach (var piece in toolResults.Count > 0 ? toolResults.Prepend("As the script told me, here is everything the tools gave: ") : ChatPieces)
            await WriteSseAsync(context, Chunk(model, new { role = "assistant", content = piece }, null));
        await WriteSseAsync(context, Chunk(model, new { }, "stop"));
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    /// <summary>The answer is streamed; the rare intent call is not, and must not take a scripted answer meant for the answer.</summary>
    private static bool Streamed(JsonNode body) => body["stream"]?.GetValue<bool>() == true;

    private static async Task ToolCallAsync(HttpContext context, JsonNode body, (string Name, string Arguments)[] calls)
    {
        var model = (string?)body["model"];
        var offered = (body["tools"]?.AsArray() ?? []).Select(t => (string?)t?["function"]?["name"]).OfType<string>().ToList();
        context.Response.ContentType = "text/event-stream";
        var toolCalls = calls.Select((c, i) =>
        {
            var name = offered.FirstOrDefault(n => n == c.Name || n.EndsWith("_" + c.Name, StringComparison.Ordinal) || n.EndsWith("-" + c.Name, StringComparison.Ordinal))
                ?? c.Name;
            return new { index = i, id = "call_" + Guid.NewGuid().ToString("N")[..8], type = "function", function = new { name, arguments = c.Arguments } };
        }).ToArray();
        await WriteSseAsync(context, Chunk(model, new { role = "assistant", content = (string?)null, tool_calls = toolCalls }, null));
        await WriteSseAsync(context, Chunk(model, new { }, "tool_calls"));
        await context.Response.WriteAsync("data: [DONE]\n\n");
    }

    private static async Task ManualAsync(HttpContext context, JsonNode body, Channel<string> pieces)
    {
        var model = (string?)body["model"];
        context.Response.ContentType = "text/event-stream";
        await context.Response.Body.FlushAsync(context.RequestAborted);
        try
        {
            await foreach (var piece in pieces.Reader.ReadAllAsync(context.RequestAborted))
                await WriteSseAsync(context, Chunk(model, new { role = "assistant", content = piece }, null));
            await WriteSseAsync(context, Chunk(model, new { }, "stop"));
            await context.Response.WriteAsync("data: [DONE]\n\n");
        }
        catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
        {
            // The app stopped listening (the writer pressed stop): nothing more to send.
        }
    }

    private static async Task FaultAsync(HttpContext context, JsonNode body, string fault)
    {
        if (fault == "drop")
        {
            context.Response.ContentType = "text/event-stream";
            await WriteSseAsync(context, Chunk((string?)body["model"], new { role = "assistant", content = ChatPieces[0] }, null));
            // Let the client read the piece first: a reset right behind it can discard it unread, which is not "midway".
            await Task.Delay(300);
            context.Abort();
            return;
        }

        context.Response.StatusCode = int.Parse(fault, System.Globalization.CultureInfo.InvariantCulture);
        if (fault == "429") context.Response.Headers.RetryAfter = "1";
        await context.Response.WriteAsJsonAsync(new { error = new { message = "fault " + fault, type = "fake" } });
    }

    private static object Chunk(string? model, object delta, string? finishReason) => new
    {
        id = "chatcmpl-fake", @object = "chat.completion.chunk", created = 1_700_000_000, model,
        choices = new[] { new { index = 0, delta, finish_reason = finishReason } },
    };

    private static async Task WriteSseAsync(HttpContext context, object payload)
    {
        await context.Response.WriteAsync($"data: {JsonSerializer.Serialize(payload)}\n\n");
        await context.Response.Body.FlushAsync();
    }

    private static async Task OpenAIEmbeddingsAsync(HttpContext context, JsonNode body)
    {
        var base64 = (string?)body["encoding_format"] == "base64";
        var data = Inputs(body["input"]).Select((_, i) => new
        {
            @object = "embedding", index = i,
            embedding = base64 ? (object)Convert.ToBase64String(MemoryMarshal.AsBytes(VectorFor(i).AsSpan())) : VectorFor(i),
        });
        await context.Response.WriteAsJsonAsync(new
        {
            @object = "list", data, model = (string?)body["model"], usage = new { prompt_tokens = 3, total_tokens = 3 },
        });
    }

    private static async Task OllamaChatAsync(HttpContext context, JsonNode body)
    {
        var model = (string?)body["model"];
        context.Response.ContentType = "application/x-ndjson";
        foreach (var piece in ChatPieces)
            await WriteLineAsync(context, new { model, created_at = "2025-01-01T00:00:00Z", message = new { role = "assistant", content = piece }, done = false });
        await WriteLineAsync(context, new
        {
            model, created_at = "2025-01-01T00:00:00Z", message = new { role = "assistant", content = "" }, done = true,
            done_reason = "stop", prompt_eval_count = 5, eval_count = 5,
        });
    }

    private static async Task WriteLineAsync(HttpContext context, object payload)
    {
        await context.Response.WriteAsync(JsonSerializer.Serialize(payload) + "\n");
        await context.Response.Body.FlushAsync();
    }

    private static async Task OllamaEmbedAsync(HttpContext context, JsonNode body) =>
        await context.Response.WriteAsJsonAsync(new
        {
            model = (string?)body["model"],
            embeddings = Inputs(body["input"]).Select((_, i) => VectorFor(i)),
            prompt_eval_count = 3,
        });

    private static List<string> Inputs(JsonNode? input) =>
        input is JsonArray array ? array.Select(x => (string?)x ?? "").ToList() : [(string?)input ?? ""];
}

internal sealed record RecordedRequest(string Path, JsonNode Body, string Authorization, string ApiKeyHeader);
