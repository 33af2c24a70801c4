using Microsoft.Extensions.AI;
using WritersRoom.Web.Ai;

namespace WritersRoom.Web.Tests.Jobs;

/// <summary>
/// The offline embedder behind a switch, at the provider boundary: fails every call while <see cref="Failing"/>,
/// and can run an action after a call succeeds (to "kill" the job between the model and the commit).
/// </summary>
internal sealed class FlakyEmbeddingGenerator : IEmbeddingGenerator<string, Embedding<float>>
{
    private readonly OfflineEmbeddingGenerator _inner = new();
    private int _calls;

    public bool Failing { get; set; }
    public int Calls => Volatile.Read(ref _calls);
    public Action<int>? AfterCall { get; set; }

    public async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(IEnumerable<string> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var call = Interlocked.Increment(ref _calls);
        if (Failing) throw new HttpRequestException("provider unavailable (test)");
        var result = await _inner.GenerateAsync(values, options, cancellationToken);
        AfterCall?.Invoke(call);
        return result;
    }

    public object? GetService(Type serviceType, object? serviceKey = null) => _inner.GetService(serviceType, serviceKey);

    public void Dispose() => _inner.Dispose();
}
