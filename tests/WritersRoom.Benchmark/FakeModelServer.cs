using System.Net;
using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using WritersRoom.Core.Ai;

namespace WritersRoom.Benchmark;

/// <summary>
/// An OpenAI-compatible model on loopback with fixed latencies (first token after 300 ms, then 50 tokens/s;
/// embeddings after 20 ms), so the benchmark measures our overhead and not a model's. Embeddings are the offline
/// hashed embeddings, so retrieval over the seeded vectors finds related scenes.
/// </summary>
public sealed class FakeModelServer : IAsyncDisposable
{
    public static readonly TimeSpan FirstToken = TimeSpan.FromMilliseconds(300);
    public static readonly TimeSpan PerToken = TimeSpan.FromMilliseconds(20);
    public static readonly TimeSpan EmbeddingLatency = TimeSpan.FromMilliseconds(20);

    private readonly WebApplication _app;
    private readonly HashedEmbedder _embedder;
    private readonly int _answerTokens;
    private long _chatCalls;
    private long _embeddingCalls;

    private FakeModelServer(WebApplication app, HashedEmbedder embedder, int answerTokens)
    {
        _app = app;
        _embedder = embedder;
        _answerTokens = answerTokens;
    }

    public string BaseUrl { get; private set; } = "";
    public long ChatCalls => Interlocked.Read(ref _chatCalls);
    public long EmbeddingCalls => Interlocked.Read(ref _embeddingCalls);

    public static async Task<FakeModelServer> StartAsync(int dimensions, int answerTokens)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeModelServer(app, new HashedEmbedder(dimensions), answerTokens);
        app.MapPost("/{**path}", server.HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        server.BaseUrl = address.TrimEnd('/') + "/v1";
        return server;
    }

    private async Task HandleAsync(HttpContext context)
    {
        var ct = context.RequestAborted;
        var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: ct) ?? new JsonObject();
        var path = context.Request.Path.Value ?? "";
        if (path.EndsWith("/embeddings", StringComparison.Ordinal)) await EmbeddingsAsync(context, body, ct);
        else if (path.EndsWith("/chat/completions", StringComparison.Ordinal)) await ChatAsync(context, body, ct);
        else context.Response.StatusCode = StatusCodes.Status404NotFound;
    }

    private async Task EmbeddingsAsync(HttpContext context, JsonNode body, CancellationToken ct)
    {
        Interlocked.Increment(ref _embeddingCalls);
        await Task.Delay(EmbeddingLatency, ct);
        var base64 = (string?)body["encoding_format"] == "base64";
        var inputs = body["input"] is JsonArray array ? array.Select(x => (string?)x ?? "").ToList() : [(string?)body["input"] ?? ""];
        var data = inputs.Select((text, i) =>
        {
            var vector = _embedder.Embed(text);
            return new { @object = "embedding", index = i, embedding = base64 ? (object)Convert.ToBase64String(MemoryMarshal.AsBytes(vector.AsSpan())) : vector };
        });
        await context.Response.WriteAsJsonAsync(new
        {
            @object = "list", data, model = (string?)body["model"], usage = new { prompt_tokens = inputs.Count * 8, total_tokens = inputs.Count * 8 },
        }, ct);
    }

    private async Task ChatAsync(HttpContext context, JsonNode body, CancellationToken ct)
    {
        Interlocked.Increment(ref _chatCalls);
        var model = (string?)body["model"];
        var words = Enumerable.Range(0, _answerTokens).Select(i => i == 0 ? "Scene" : " " + Filler[i % Filler.Length]).ToArray();
        await Task.Delay(FirstToken, ct);
        if (body["stream"]?.GetValue<bool>() != true)
        {
            await Task.Delay(PerToken * Math.Max(0, words.Length - 1), ct);
            await context.Response.WriteAsJsonAsync(new
            {
                id = "chatcmpl-bench", @object = "chat.completion", created = 1_700_000_000, model,
                choices = new[] { new { index = 0, message = new { role = "assistant", content = string.Concat(words) }, finish_reason = "stop" } },
                usage = new { prompt_tokens = 900, completion_tokens = words.Length, total_tokens = 900 + words.Length },
            }, ct);
            return;
        }

        context.Response.ContentType = "text/event-stream";
        for (var i = 0; i < words.Length; i++)
        {
            if (i > 0) await Task.Delay(PerToken, ct);
            await WriteAsync(context, Chunk(model, new { role = "assistant", content = words[i] }, null, null), ct);
        }
        await WriteAsync(context, Chunk(model, new { }, "stop",
            new { prompt_tokens = 900, completion_tokens = words.Length, total_tokens = 900 + words.Length }), ct);
        await context.Response.WriteAsync("data: [DONE]\n\n", ct);
    }

    private static readonly string[] Filler = ["Will", "asks", "his", "father", "about", "the", "witch", "by", "the", "river", "again."];

    private static object Chunk(string? model, object delta, string? finish, object? usage) => new
    {
        id = "chatcmpl-bench", @object = "chat.completion.chunk", created = 1_700_000_000, model,
        choices = new[] { new { index = 0, delta, finish_reason = finish } },
        usage,
    };

    private static async Task WriteAsync(HttpContext context, object payload, CancellationToken ct)
    {
        await context.Response.WriteAsync("data: " + JsonSerializer.Serialize(payload) + "\n\n", ct);
        await context.Response.Body.FlushAsync(ct);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
