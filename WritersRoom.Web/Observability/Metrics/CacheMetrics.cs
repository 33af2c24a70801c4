using System.Diagnostics.Metrics;

namespace WritersRoom.Web.Observability.Metrics;

/// <summary>
/// Hit and miss counts of our in-process caches, for the hit rates on the performance page and in the
/// benchmark. Any cache calls <see cref="Hit"/> or <see cref="Miss"/> with its name; a static meter so a cache
/// needs no extra constructor parameter. Counter <c>writersroom.cache.lookups</c>, tags <c>cache</c> and
/// <c>result</c> (hit | miss).
/// </summary>
public static class CacheMetrics
{
    public const string InstrumentName = "writersroom.cache.lookups";
    public const string Membership = "membership";
    public const string GlobalContext = "global_context";
    public const string QueryEmbedding = "query_embedding";

    private static readonly Meter Meter = new(MeterNames.Cache);
    private static readonly Counter<long> Lookups = Meter.CreateCounter<long>(InstrumentName, "{lookup}", "Cache lookups by cache and result.");

    public static void Hit(string cache) => Lookups.Add(1, new("cache", cache), new("result", "hit"));

    public static void Miss(string cache) => Lookups.Add(1, new("cache", cache), new("result", "miss"));
}
