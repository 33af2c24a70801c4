using Microsoft.Extensions.Caching.Memory;
using WritersRoom.Core.Retrieval;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Token counts of long texts kept by their content: a turn's prompt is mostly text counted before (the script's
/// global context, the scenes retrieved for the previous question, the thread's earlier messages), and tokenising
/// it again is most of the prompt step's CPU. Short texts (the question) are counted directly; the cache is its own,
/// bounded by characters, so it cannot crowd out other caches.
/// </summary>
public sealed class CachedTokenCounter(ITokenCounter inner) : ITokenCounter, IDisposable
{
    /// <summary>Below this a lookup costs about what counting does.</summary>
    private const int MinCachedLength = 256;

    private readonly MemoryCache counts = new(new MemoryCacheOptions { SizeLimit = 16_000_000 });

    public int Count(string text)
    {
        if (string.IsNullOrEmpty(text) || text.Length < MinCachedLength) return inner.Count(text);
        if (counts.TryGetValue(text, out int known)) return known;
        var count = inner.Count(text);
        counts.Set(text, count, new MemoryCacheEntryOptions { Size = text.Length, SlidingExpiration = TimeSpan.FromMinutes(30) });
        return count;
    }

    public void Dispose() => counts.Dispose();
}
