namespace WritersRoom.Core.Ai;

/// <summary>
/// Deterministic text embeddings without a model (the offline provider): words and the character 3–5-grams
/// of each word (with boundary markers, so "<fish" differs from "fish" inside "selfish") are hashed into a
/// fixed number of buckets with a random sign, weighted by sublinear term frequency (1 + ln tf), and
/// L2-normalised. Shared n-grams make inflections and typos land close; they do not capture paraphrase.
/// </summary>
public sealed class HashedEmbedder
{
    public const int DefaultDimensions = 384;
    private const int MinGram = 3;
    private const int MaxGram = 5;
    private const byte WordKind = 1;
    private const byte GramKind = 2;

    public HashedEmbedder(int dimensions = DefaultDimensions)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(dimensions, 1);
        Dimensions = dimensions;
    }

    public int Dimensions { get; }

    /// <summary>Names the algorithm and the size: a change of either must re-embed, so both are in the id.</summary>
    public string ModelId => ModelIdFor(Dimensions);

    public static string ModelIdFor(int dimensions) => $"offline-hashed-v1-{dimensions}";

    /// <summary>Reads the size back from a model id this class made; false for any other model.</summary>
    public static bool TryParseModelId(string? modelId, out int dimensions)
    {
        dimensions = 0;
        const string prefix = "offline-hashed-v1-";
        return modelId is not null && modelId.StartsWith(prefix, StringComparison.Ordinal)
            && int.TryParse(modelId.AsSpan(prefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out dimensions)
            && dimensions is > 0 and <= 16_000;
    }

    public float[] Embed(string? text)
    {
        var vector = new float[Dimensions];
        Embed(text, vector);
        return vector;
    }

    /// <summary>Writes the embedding into <paramref name="destination"/>; all zeros for text without words.</summary>
    public void Embed(string? text, Span<float> destination)
    {
        if (destination.Length != Dimensions)
            throw new ArgumentException($"Destination has {destination.Length} elements; expected {Dimensions}.", nameof(destination));

        destination.Clear();
        foreach (var (feature, count) in CountFeatures(text))
        {
            var bucket = (int)(((ulong)feature * (uint)Dimensions) >> 32);
            var weight = 1f + MathF.Log(count);
            destination[bucket] += (feature & 1) == 0 ? weight : -weight;
        }

        Normalise(destination);
    }

    private static Dictionary<uint, int> CountFeatures(string? text)
    {
        var counts = new Dictionary<uint, int>();
        Span<char> bounded = stackalloc char[66];
        foreach (var word in WordTokenizer.Tokenize(text))
        {
            Add(counts, StableHash.Of(WordKind, word));

            // Very long "words" (URLs, runs of digits) add nothing as n-grams: cap them.
            var length = Math.Min(word.Length, bounded.Length - 2);
            bounded[0] = '<';
            word.AsSpan(0, length).CopyTo(bounded[1..]);
            bounded[length + 1] = '>';
            var marked = bounded[..(length + 2)];

            for (var n = MinGram; n <= MaxGram && n <= marked.Length; n++)
                for (var start = 0; start + n <= marked.Length; start++)
                    Add(counts, StableHash.Of(GramKind, marked.Slice(start, n)));
        }

        return counts;
    }

    private static void Add(Dictionary<uint, int> counts, uint feature) =>
        counts[feature] = counts.GetValueOrDefault(feature) + 1;

    private static void Normalise(Span<float> vector)
    {
        double sumOfSquares = 0;
        foreach (var value in vector)
            sumOfSquares += value * value;
        if (sumOfSquares == 0)
            return;

        var scale = (float)(1 / Math.Sqrt(sumOfSquares));
        for (var i = 0; i < vector.Length; i++)
            vector[i] *= scale;
    }
}
