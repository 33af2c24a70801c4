using System.Collections;
using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace WritersRoom.Core.Screenplay;

/// <summary>
/// What a file format said that our model has no field for (an FDX paragraph's indent attributes, a
/// Final Draft element type we have no name for, raw XML), kept so that exporting to the same format
/// writes it back. Keys are prefixed by format ("fdx.…"). Compared by content, so records holding it keep
/// value equality; immutable, so copies share it.
/// </summary>
[JsonConverter(typeof(FormatExtrasJson))]
public sealed class FormatExtras : IReadOnlyDictionary<string, string>, IEquatable<FormatExtras>
{
    private readonly ImmutableSortedDictionary<string, string> _values;

    private FormatExtras(ImmutableSortedDictionary<string, string> values) => _values = values;

    /// <summary>Null when there is nothing to keep: most elements carry no extras at all.</summary>
    public static FormatExtras? From(IEnumerable<KeyValuePair<string, string>> values)
    {
        var dictionary = values.ToImmutableSortedDictionary(StringComparer.Ordinal);
        return dictionary.Count == 0 ? null : new FormatExtras(dictionary);
    }

    public string? Get(string key) => _values.GetValueOrDefault(key);

    public string this[string key] => _values[key];
    public IEnumerable<string> Keys => _values.Keys;
    public IEnumerable<string> Values => _values.Values;
    public int Count => _values.Count;
    public bool ContainsKey(string key) => _values.ContainsKey(key);
    public bool TryGetValue(string key, out string value) => _values.TryGetValue(key, out value!);
    public IEnumerator<KeyValuePair<string, string>> GetEnumerator() => _values.GetEnumerator();
    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public bool Equals(FormatExtras? other) => other is not null && _values.SequenceEqual(other._values);
    public override bool Equals(object? obj) => Equals(obj as FormatExtras);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        foreach (var (key, value) in _values)
        {
            hash.Add(key);
            hash.Add(value);
        }
        return hash.ToHashCode();
    }

    public override string ToString() => string.Join(", ", _values.Select(kv => $"{kv.Key}={kv.Value}"));
}
