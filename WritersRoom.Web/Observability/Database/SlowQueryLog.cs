using System.Collections.Concurrent;

namespace WritersRoom.Web.Observability.Database;

/// <summary>
/// Slow queries by normalised SQL: count, p95 of the last samples, maximum, last seen. Bounded in entries and in
/// samples per entry, so a flood of distinct slow statements cannot grow memory.
/// </summary>
public sealed class SlowQueryLog(TimeProvider clock)
{
    public const int MaxEntries = 200;
    private const int SamplesPerEntry = 64;

    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    public void Record(string normalizedSql, double milliseconds)
    {
        if (_entries.Count >= MaxEntries && !_entries.ContainsKey(normalizedSql)) EvictOldest();
        var entry = _entries.GetOrAdd(normalizedSql, _ => new Entry());
        entry.Add(milliseconds, clock.GetUtcNow());
    }

    public IReadOnlyList<SlowQuery> Top(int count) =>
        _entries.Select(e => e.Value.View(e.Key))
            .OrderByDescending(q => q.P95Ms * q.Count)
            .Take(count)
            .ToList();

    private void EvictOldest()
    {
        var oldest = _entries.OrderBy(e => e.Value.LastSeen).FirstOrDefault();
        if (oldest.Key is not null) _entries.TryRemove(oldest.Key, out _);
    }

    private sealed class Entry
    {
        private readonly double[] _samples = new double[SamplesPerEntry];
        private readonly Lock _gate = new();
        private long _count;
        private double _max;

        public DateTimeOffset LastSeen { get; private set; }

        public void Add(double ms, DateTimeOffset at)
        {
            lock (_gate)
            {
                _samples[_count % SamplesPerEntry] = ms;
                _count++;
                _max = Math.Max(_max, ms);
                LastSeen = at;
            }
        }

        public SlowQuery View(string sql)
        {
            lock (_gate)
            {
                var recent = _samples.Take((int)Math.Min(_count, SamplesPerEntry)).Order().ToArray();
                var p95 = recent.Length == 0 ? 0 : recent[Math.Clamp((int)Math.Ceiling(0.95 * recent.Length) - 1, 0, recent.Length - 1)];
                return new SlowQuery(sql, _count, p95, _max, LastSeen);
            }
        }
    }
}

public sealed record SlowQuery(string Sql, long Count, double P95Ms, double MaxMs, DateTimeOffset LastSeen);
