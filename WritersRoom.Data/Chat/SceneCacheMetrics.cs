using System.Diagnostics.Metrics;

namespace WritersRoom.Data.Chat;

/// <summary>
/// Hits and misses of the scene text kept by <see cref="SceneCorpus"/>, on the meter and counter the performance page
/// reads for every cache (<c>WritersRoom.Cache</c>, <c>writersroom.cache.lookups</c>; the web project's CacheMetrics
/// publishes the others under the same names, which a listener matches by name).
/// </summary>
internal static class SceneCacheMetrics
{
    private static readonly Meter Meter = new("WritersRoom.Cache");
    private static readonly Counter<long> Lookups = Meter.CreateCounter<long>("writersroom.cache.lookups", "{lookup}", "Cache lookups by cache and result.");

    public static void Lookup(bool hit) => Lookups.Add(1, new("cache", "scene_text"), new("result", hit ? "hit" : "miss"));
}
