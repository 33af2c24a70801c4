using System.Globalization;

namespace WritersRoom.Benchmark;

/// <summary>Command-line options of ./bench.sh; the defaults are the reference workload of PERFORMANCE.md.</summary>
public sealed record BenchOptions
{
    public TimeSpan Duration { get; init; } = TimeSpan.FromSeconds(60);
    /// <summary>
    /// The same load first, unmeasured, until the runtime has settled: the JIT recompiles hot methods with profile data for
    /// about the first 40 s of load (measured: one core busy with it), which a server that has been up a while never pays.
    /// </summary>
    public TimeSpan WarmUp { get; init; } = TimeSpan.FromSeconds(45);
    /// <summary>Simulated writers, each making a block edit every 2 s, spread over <see cref="HotScripts"/>.</summary>
    public int Writers { get; init; } = 50;
    /// <summary>Concurrent assistant conversations, each sending as soon as its last answer finished.</summary>
    public int Chats { get; init; } = 10;
    /// <summary>At least this many scripts in the database (Big Fish imported again and again).</summary>
    public int Scripts { get; init; } = 100;
    /// <summary>At least this many scenes in the database; more imports are made if the scripts fall short.</summary>
    public int Scenes { get; init; } = 15_000;
    /// <summary>Scripts the writers and chats work on (the rest is data volume).</summary>
    public int HotScripts { get; init; } = 10;
    /// <summary>New attaches (a script opened) per second.</summary>
    public double AttachesPerSecond { get; init; } = 1;
    public int EmbeddingDimensions { get; init; } = 1536;
    /// <summary>Postgres to use; the project's own cluster (database writersroom_bench) when not given.</summary>
    public string? Connection { get; init; }
    public string OutputDirectory { get; init; } = "bench-results";
    public string Commit { get; init; } = "unknown";
    public string? FixturesDirectory { get; init; }
    public bool Short { get; init; }
    public bool SeedScenario { get; init; }
    /// <summary>Answer length of the fake model, in tokens (at 50 tokens/s).</summary>
    public int AnswerTokens { get; init; } = 40;

    public static BenchOptions Parse(IReadOnlyList<string> args)
    {
        var o = new BenchOptions();
        if (args.Contains("--short")) o = ShortMode(o);
        if (args.Contains("--seed-scenario")) o = SeedScenarioMode(o);
        for (var i = 0; i < args.Count; i++)
        {
            string Next() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--short" or "--seed-scenario" => o,
                "--duration" => o with { Duration = ParseDuration(Next()) },
                "--warmup" => o with { WarmUp = ParseDuration(Next()) },
                "--writers" => o with { Writers = Int() },
                "--chats" => o with { Chats = Int() },
                "--scripts" => o with { Scripts = Int() },
                "--scenes" => o with { Scenes = Int() },
                "--hot-scripts" => o with { HotScripts = Int() },
                "--attaches-per-second" => o with { AttachesPerSecond = double.Parse(Next(), CultureInfo.InvariantCulture) },
                "--dimensions" => o with { EmbeddingDimensions = Int() },
                "--connection" => o with { Connection = Next() },
                "--out" => o with { OutputDirectory = Next() },
                "--commit" => o with { Commit = Next() },
                "--fixtures" => o with { FixturesDirectory = Next() },
                "--answer-tokens" => o with { AnswerTokens = Int() },
                _ => throw new ArgumentException($"Unknown option {args[i]}. See ./bench.sh --help."),
            };
        }
        return o;
    }

    /// <summary>CI's mode: seconds, a handful of scripts; checks that every part runs and the report is whole.</summary>
    public static BenchOptions ShortMode(BenchOptions o) => o with
    {
        Short = true, Duration = TimeSpan.FromSeconds(3), WarmUp = TimeSpan.FromSeconds(1), Writers = 4, Chats = 2, Scripts = 2, Scenes = 0, HotScripts = 2,
        AttachesPerSecond = 4, EmbeddingDimensions = 384, AnswerTokens = 10,
    };

    /// <summary>The first incident's shape: one 148-scene script, many attaches while chats run.</summary>
    public static BenchOptions SeedScenarioMode(BenchOptions o) => o with
    {
        SeedScenario = true, Duration = TimeSpan.FromSeconds(30), Scripts = 1, Scenes = 0, HotScripts = 1, Writers = 10,
        AttachesPerSecond = 10,
    };

    private static TimeSpan ParseDuration(string value) =>
        value.EndsWith('s') ? TimeSpan.FromSeconds(double.Parse(value[..^1], CultureInfo.InvariantCulture))
        : value.EndsWith('m') ? TimeSpan.FromMinutes(double.Parse(value[..^1], CultureInfo.InvariantCulture))
        : TimeSpan.FromSeconds(double.Parse(value, CultureInfo.InvariantCulture));
}
