using System.Runtime;
using System.Diagnostics;
using System.Runtime.InteropServices;
using Microsoft.Extensions.Configuration;
using Npgsql;
using WritersRoom.Benchmark.Reporting;
using WritersRoom.Benchmark.Seeding;
using WritersRoom.Benchmark.Workloads;
using WritersRoom.Data;
using WritersRoom.Data.Scripts;
using WritersRoom.Web.Observability;
using WritersRoom.Web.Observability.Database;
using WritersRoom.Web.Observability.Metrics;
using WritersRoom.Web.Observability.Process;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Benchmark;

/// <summary>
/// Runs the reference workload through the app's own services (registered exactly as Program.cs registers them)
/// against a real Postgres and the loopback model, then writes report.json.
/// </summary>
public static class BenchmarkRunner
{
    public const string BenchDatabase = "writersroom_bench";

    public static async Task<(BenchReport Report, string Path)> RunAsync(BenchOptions options, TextWriter log, CancellationToken ct)
    {
        var startedAt = DateTimeOffset.UtcNow;
        var (connectionString, source) = await PrepareDatabaseAsync(options, ct);
        await using var model = await FakeModelServer.StartAsync(options.EmbeddingDimensions, options.AnswerTokens);
        var embeddingModel = $"bench-hashed-{options.EmbeddingDimensions}";
        using var host = BuildHost(connectionString, model.BaseUrl, embeddingModel, options.EmbeddingDimensions);
        await host.StartAsync(ct);
        await host.Services.MigrateWritersRoomDatabaseAsync(ct);
        var services = host.Services;
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();

        var (script, scriptName) = options.SeedScenario
            ? (ScriptSource.Generate(148, 3317, "The Incident Script"), "generated (148 scenes, 3,317 blocks: the incident's script)")
            : ScriptSource.Load(options.FixturesDirectory);
        log.WriteLine($"Seeding {options.Scripts}+ scripts / {options.Scenes}+ scenes from {scriptName} …");
        var seeder = new Seeder(services.GetRequiredService<Microsoft.EntityFrameworkCore.IDbContextFactory<WritersRoomDbContext>>(),
            dataSource, services.GetRequiredService<ScriptImporter>(), options);
        var seed = await seeder.SeedAsync(script, scriptName, options.SeedScenario ? Seeder.IncidentOwnerEmail : Seeder.OwnerEmail, embeddingModel, ct);
        log.WriteLine($"Seeded in {seed.Seconds:0.0} s: {seed.Scripts} scripts, {seed.Scenes} scenes in the database ({(seed.Reused ? "reused" : $"{seed.Imported} imports")}).");

        log.WriteLine("Measuring floors …");
        var floors = await Floors.MeasureAsync(dataSource, seed.HotScripts, embeddingModel, options.EmbeddingDimensions, options.Short ? 30 : 200, ct);

        using var steps = new StepRecorder();
        var cold = await ColdScriptsAsync(dataSource, seed, ct);
        var context = new WorkloadContext(options, steps, services, seed.HotScripts, seed.Writers, cold);
        var edits = new EditsWorkload(context);
        IWorkload[] workloads = [new AttachWorkload(context), new ChatWorkload(context), edits];

        // The same load first, so JIT tiering, the first connections and cold caches are not what gets measured.
        var warmUp = options.WarmUp;
        log.WriteLine($"Warming up for {warmUp.TotalSeconds:0} s …");
        using (var warm = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            warm.CancelAfter(warmUp);
            await Task.WhenAll(workloads.Select(w => w.RunAsync(warm.Token)));
        }
        steps.Clear();
        edits.Reset();

        // A fresh aggregator: the pool figures cover the run only, not the seeding or the warm-up.
        using var aggregator = new MetricsAggregator(TimeProvider.System, services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>());
        var reader = new PerformanceReader(aggregator, new TurnRecorder(TimeProvider.System), new SlowQueryLog(TimeProvider.System),
            services.GetRequiredService<ProcessStats>());

        log.WriteLine($"Running for {options.Duration.TotalSeconds:0} s: {options.AttachesPerSecond}/s attaches, {options.Chats} chats, {options.Writers} writers …");
        var runStart = Stopwatch.GetTimestamp();
        var runtimeBefore = RuntimeCounts.Now();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        stop.CancelAfter(options.Duration);
        var sampling = SampleAsync(aggregator, stop.Token);
        await Task.WhenAll(workloads.Select(w => w.RunAsync(stop.Token)));
        await sampling;
        aggregator.Sample();
        var runSeconds = Stopwatch.GetElapsedTime(runStart).TotalSeconds;
        var runtime = RuntimeCounts.Now() - runtimeBefore;

        var report = await BuildReportAsync(options, startedAt, runSeconds, source, connectionString, embeddingModel, dataSource,
            seed, steps.Snapshot(), reader, aggregator.Epoch, floors, workloads, edits, runtime, ct);
        var path = await ReportWriter.WriteAsync(report, options.OutputDirectory, ct);
        await host.StopAsync(ct);
        return (report, path);
    }

    private static IHost BuildHost(string connectionString, string modelUrl, string embeddingModel, int dimensions)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:WritersRoom"] = connectionString,
            ["Ai:Provider"] = "OpenAI",
            ["Ai:Endpoint"] = modelUrl,
            ["Ai:ApiKey"] = "bench",
            ["Ai:ChatModel"] = "bench-chat",
            ["Ai:EmbeddingModel"] = embeddingModel,
            ["Ai:EmbeddingDimensions"] = dimensions.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Each simulated conversation asks again as soon as it is answered (about one a second): the per-writer
            // rate limit and daily budget, which protect the provider from a person, would otherwise refuse it.
            ["Assistant:MessagesPerMinute"] = "100000",
            ["Assistant:DailyTokenBudget"] = "0",
        });
        // The same registrations as Program.cs, minus the UI and accounts the workload does not go through. The
        // Quartz jobs run as in the app: they re-summarise and re-embed the scenes the writers edit.
        builder.AddWritersRoomData();
        builder.AddWritersRoomScripts();
        builder.AddWritersRoomEditing();
        builder.AddWritersRoomAi();
        builder.AddWritersRoomJobs();
        builder.AddWritersRoomChat();
        builder.AddWritersRoomObservability();
        return builder.Build();
    }

    /// <summary>Up to 50 seeded scripts outside the hot set (the owner's), for first loads nobody else is attached to.</summary>
    private static async Task<IReadOnlyList<Guid>> ColdScriptsAsync(NpgsqlDataSource dataSource, SeedResult seed, CancellationToken ct)
    {
        await using var cmd = dataSource.CreateCommand(
            "SELECT script_id FROM script_members WHERE user_id = $1 AND NOT script_id = ANY($2) ORDER BY script_id LIMIT 50");
        cmd.Parameters.AddWithValue(seed.OwnerId);
        cmd.Parameters.AddWithValue(seed.HotScripts.ToArray());
        var cold = new List<Guid>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) cold.Add(reader.GetGuid(0));
        return cold;
    }

    /// <summary>Pool counts are observable instruments: sampled every 100 ms so a short peak is seen.</summary>
    private static async Task SampleAsync(MetricsAggregator aggregator, CancellationToken stop)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(100));
        try
        {
            while (await timer.WaitForNextTickAsync(stop)) aggregator.Sample();
        }
        catch (OperationCanceledException)
        {
            // The run is over.
        }
    }

    /// <summary>The project's cluster gets its own database (created when missing); a given connection is used as it is.</summary>
    private static async Task<(string ConnectionString, string Source)> PrepareDatabaseAsync(BenchOptions options, CancellationToken ct)
    {
        if (options.Connection is { } given) return (given, "connection");
        var port = Environment.GetEnvironmentVariable("WR_PG_PORT") is { Length: > 0 } p ? p : "55432";
        var admin = new NpgsqlConnectionStringBuilder($"Host=127.0.0.1;Port={port};Database=postgres;Username=writersroom;Password=writersroom");
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var exists = new NpgsqlCommand("SELECT 1 FROM pg_database WHERE datname = $1", connection);
            exists.Parameters.AddWithValue(BenchDatabase);
            if (await exists.ExecuteScalarAsync(ct) is null)
            {
                await using var create = new NpgsqlCommand($"CREATE DATABASE {BenchDatabase}", connection);
                await create.ExecuteNonQueryAsync(ct);
            }
        }
        admin.Database = BenchDatabase;
        return (admin.ConnectionString, "project");
    }

    private static async Task<BenchReport> BuildReportAsync(BenchOptions options, DateTimeOffset startedAt, double runSeconds, string source,
        string connectionString, string embeddingModel, NpgsqlDataSource dataSource, SeedResult seed,
        IReadOnlyDictionary<string, StepStats> steps, PerformanceReader reader, long epoch, FloorResult floors, IWorkload[] workloads,
        EditsWorkload edits, RuntimeCounts runtime, CancellationToken ct)
    {
        var slices = TimeSlices.SlicesIn(TimeSpan.FromSeconds(runSeconds + 2 * TimeSlices.SliceSeconds));
        var pool = reader.Pool(epoch, slices);
        var caches = reader.Caches(epoch, slices, slices).ToDictionary(c => c.Cache, c => c.HitRate5Min);

        var floorValues = new Dictionary<string, double>
        {
            ["select1_ms"] = floors.Select1Ms, ["insert_ms"] = floors.InsertMs, ["retrieval_sql_ms"] = floors.RetrievalSqlMs,
        };
        var ratios = new Dictionary<string, BudgetRatio>(StringComparer.Ordinal);
        foreach (var (step, (floor, budget)) in Budgets.ByStep)
        {
            if (!steps.TryGetValue(step, out var s) || s.Count == 0) continue;
            var floorMs = floorValues[floor];
            ratios[step] = new BudgetRatio(floor, floorMs, s.P95Ms, floorMs > 0 ? s.P95Ms / floorMs : 0, budget);
        }

        await using var connection = await dataSource.OpenConnectionAsync(ct);
        var (server, vector) = await DatabaseActivityProbe.VersionsAsync(connection, ct);
        var cs = new NpgsqlConnectionStringBuilder(connectionString);
        var process = Process.GetCurrentProcess();

        return new BenchReport(
            Schema: 1,
            Mode: options.SeedScenario ? "seed-scenario" : options.Short ? "short" : "reference",
            StartedAt: startedAt,
            DurationS: Math.Round(runSeconds, 2),
            Commit: options.Commit,
            Machine: new MachineInfo(Environment.ProcessorCount, Math.Round(GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 1e9, 1),
                RuntimeInformation.OSDescription, RuntimeInformation.FrameworkDescription),
            Database: new DatabaseInfo(source, $"{cs.Host}:{cs.Port}", cs.Database ?? "", server, vector, embeddingModel),
            Seeding: new SeedInfo(seed.Source, seed.Scripts, seed.Scenes, seed.Imported, seed.Embedded, Math.Round(seed.Seconds, 2), seed.Reused),
            Steps: steps,
            Pool: new PoolReport(pool.InUsePeak5Min, pool.PendingPeak5Min, pool.OpenWait5Min.P99, pool.Timeouts5Min, pool.Max),
            CacheHitRate: caches,
            EditsSent: edits.Sent,
            EditsAcked: edits.Acked,
            EditsLost: edits.Lost,
            Floors: floors,
            Ratios: ratios,
            Memory: new MemoryReport(process.WorkingSet64 / 1048576.0, process.PeakWorkingSet64 / 1048576.0, GC.GetTotalMemory(false) / 1048576.0,
                GCSettings.IsServerGC ? "server" : "workstation", Math.Round(runtime.Pause.TotalMilliseconds, 1),
                Math.Round(100 * runtime.Pause.TotalSeconds / runSeconds, 2), runtime.Gen0, runtime.Gen1, runtime.Gen2,
                Math.Round(runtime.Jit.TotalMilliseconds), runtime.JitMethods),
            Workloads: workloads.ToDictionary(w => w.Name, w => w.Status),
            Incident: options.SeedScenario
                ? Budgets.Incident.Select(i => new IncidentRow(i.Step, i.What, i.IncidentMs, steps.TryGetValue(i.Step, out var s) ? s.P95Ms : null)).ToList()
                : []);
    }
}
