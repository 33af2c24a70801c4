using System.Text;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Benchmark.Seeding;

/// <summary>The screenplay the benchmark imports: Big Fish from the shared fixtures, or a generated script of the same shape.</summary>
public static class ScriptSource
{
    /// <summary>Big Fish's shape: about 190 scenes and 17 blocks per scene.</summary>
    public const int BigFishScenes = 190;
    public const int BigFishBlocksPerScene = 17;

    public static (ParsedScreenplay Script, string Name) Load(string? fixturesDirectory)
    {
        foreach (var dir in new[] { fixturesDirectory, Environment.GetEnvironmentVariable("WR_FIXTURES") })
        {
            var path = dir is null ? null : Path.Combine(dir, "big-fish.fountain");
            if (path is not null && File.Exists(path)) return (FountainParser.Parse(File.ReadAllText(path)), "big-fish.fountain");
        }
        return (Generate(BigFishScenes, BigFishScenes * BigFishBlocksPerScene, "Generated Feature"), $"generated ({BigFishScenes} scenes)");
    }

    /// <summary>
    /// A deterministic screenplay with <paramref name="scenes"/> scenes and about <paramref name="blocks"/> blocks:
    /// headings, action, cues and dialogue in screenplay proportions, with varied words so embeddings differ.
    /// </summary>
    public static ParsedScreenplay Generate(int scenes, int blocks, string title)
    {
        var random = new Random(148);
        var elements = new List<ScriptElement>(blocks);
        var perScene = Math.Max(2, (blocks - scenes) / Math.Max(1, scenes));
        string[] places = ["KITCHEN", "RIVER", "HOSPITAL ROOM", "CIRCUS TENT", "SPECTRE MAIN STREET", "WITCH'S HOUSE", "CAR", "BANK"];
        string[] people = ["EDWARD", "WILL", "SANDRA", "JOSEPHINE", "KARL", "JENNY", "NORTHER WINSLOW", "AMOS"];
        for (var s = 0; s < scenes; s++)
        {
            elements.Add(new ScriptElement(ElementType.SceneHeading,
                $"{(random.Next(2) == 0 ? "INT." : "EXT.")} {places[random.Next(places.Length)]} - {(random.Next(2) == 0 ? "DAY" : "NIGHT")}"));
            for (var b = 1; b < perScene + 1; b++)
            {
                switch (b % 3)
                {
                    case 1:
                        elements.Add(new ScriptElement(ElementType.Action, Sentence(random, 18 + random.Next(30))));
                        break;
                    case 2:
                        elements.Add(new ScriptElement(ElementType.Character, people[random.Next(people.Length)]));
                        break;
                    default:
                        elements.Add(new ScriptElement(ElementType.Dialogue, Sentence(random, 6 + random.Next(20))));
                        break;
                }
            }
        }
        return new ParsedScreenplay([new TitleEntry("Title", title)], elements);
    }

    private static readonly string[] Words =
    [
        "the", "river", "father", "story", "fish", "ring", "witch", "eye", "town", "road", "giant", "circus", "war",
        "letter", "house", "water", "truth", "son", "wedding", "daffodils", "night", "glass", "hand", "boots", "bank",
    ];

    private static string Sentence(Random random, int words)
    {
        var sb = new StringBuilder();
        for (var i = 0; i < words; i++)
        {
            if (i > 0) sb.Append(' ');
            sb.Append(Words[random.Next(Words.Length)]);
        }
        sb.Append('.');
        sb[0] = char.ToUpperInvariant(sb[0]);
        return sb.ToString();
    }
}
