namespace WritersRoom.Core.Ai;

/// <summary>
/// A hash that is the same in every process and on every machine (string.GetHashCode is randomised per
/// process), so stored offline embeddings stay comparable with new ones: FNV-1a over the UTF-16 code
/// units, then a final avalanche so every output bit depends on every input bit.
/// </summary>
public static class StableHash
{
    private const uint OffsetBasis = 2166136261;
    private const uint Prime = 16777619;

    /// <summary>Hashes <paramref name="text"/> in the namespace <paramref name="kind"/> (so a word and an n-gram with the same letters differ).</summary>
    public static uint Of(byte kind, ReadOnlySpan<char> text)
    {
        var hash = (OffsetBasis ^ kind) * Prime;
        foreach (var c in text)
        {
            hash = (hash ^ (byte)c) * Prime;
            hash = (hash ^ (byte)(c >> 8)) * Prime;
        }

        return Avalanche(hash);
    }

    // MurmurHash3's finaliser: FNV-1a alone leaves the high bits weakly mixed for short inputs.
    private static uint Avalanche(uint h)
    {
        h ^= h >> 16;
        h *= 0x85EBCA6B;
        h ^= h >> 13;
        h *= 0xC2B2AE35;
        h ^= h >> 16;
        return h;
    }
}
