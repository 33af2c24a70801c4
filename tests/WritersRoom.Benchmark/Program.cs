using WritersRoom.Benchmark.Reporting;

namespace WritersRoom.Benchmark;

/// <summary>Entry point of ./bench.sh. Not top-level statements: the web app's Program would clash in tests that load both.</summary>
public static class BenchProgram
{
    public static async Task<int> Main(string[] args)
    {
        if (args.Contains("--help") || args.Contains("-h"))
        {
            Console.WriteLine("""
                ./bench.sh [--short | --seed-scenario] [--duration 60s] [--writers 50] [--chats 10] [--scripts 100] [--scenes 15000]
                           [--hot-scripts 10] [--attaches-per-second 1] [--dimensions 1536] [--connection "Host=…"] [--out bench-results]
                Runs PERFORMANCE.md's reference workload through the app's services against Postgres and a loopback model with
                fixed latencies; writes <out>/report.json and prints a Markdown table.
                """);
            return 0;
        }

        BenchOptions options;
        try
        {
            options = BenchOptions.Parse(args);
        }
        catch (Exception e) when (e is ArgumentException or FormatException)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }

        using var cancel = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            cancel.Cancel();
        };
        var (report, path) = await BenchmarkRunner.RunAsync(options, Console.Out, cancel.Token);
        Console.WriteLine();
        Console.WriteLine(ReportWriter.Markdown(report));
        Console.WriteLine($"Report: {path}");
        return 0;
    }
}
