namespace WritersRoom.Benchmark.Reporting;

/// <summary>bench-results/report.json, written with snake_case names. Every field is always present.</summary>
public sealed record BenchReport(
    int Schema,
    string Mode,
    DateTimeOffset StartedAt,
    double DurationS,
    string Commit,
    MachineInfo Machine,
    DatabaseInfo Database,
    SeedInfo Seeding,
    IReadOnlyDictionary<string, StepStats> Steps,
    PoolReport Pool,
    IReadOnlyDictionary<string, double?> CacheHitRate,
    long? EditsSent,
    long? EditsAcked,
    long? EditsLost,
    FloorResult Floors,
    IReadOnlyDictionary<string, BudgetRatio> Ratios,
    MemoryReport Memory,
    IReadOnlyDictionary<string, string> Workloads,
    IReadOnlyList<IncidentRow> Incident);

public sealed record MachineInfo(int Cores, double MemoryGb, string Os, string Runtime);

/// <param name="Source">"project" (the README's own cluster) or "connection" (given with --connection).</param>
public sealed record DatabaseInfo(string Source, string Host, string Name, string ServerVersion, string? PgvectorVersion, string EmbeddingModel);

public sealed record SeedInfo(string Script, int Scripts, long Scenes, int Imported, int Embedded, double Seconds, bool Reused);

public sealed record PoolReport(double MaxInUse, double PendingMax, double OpenWaitP99Ms, double Timeouts, double MaxSize);

/// <summary>A budgeted step's p95 against its budget and its floor (PERFORMANCE.md).</summary>
public sealed record BudgetRatio(string Floor, double FloorMs, double P95Ms, double Ratio, double BudgetMs);

/// <param name="GcPauseMs">Time the runtime paused the process for garbage collection during the measured run (every step's latency includes its share).</param>
public sealed record MemoryReport(double WorkingSetMb, double PeakWorkingSetMb, double GcHeapMb, string GcMode, double GcPauseMs,
    double GcPausePercent, int Gen0Collections, int Gen1Collections, int Gen2Collections, double JitMs, long JitMethods);

/// <summary>The first incident's figure for a step beside ours (seed scenario only).</summary>
public sealed record IncidentRow(string Step, string What, double IncidentMs, double? OurP95Ms);
