using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace WritersRoom.Benchmark.Reporting;

public static class ReportWriter
{
    public static readonly JsonSerializerOptions Json = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.Never,
        NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    };

    public static async Task<string> WriteAsync(BenchReport report, string directory, CancellationToken ct)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, "report.json");
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(report, Json), ct);
        return path;
    }

    public static string Markdown(BenchReport r)
    {
        var sb = new StringBuilder();
        string F(double v) => v.ToString(v >= 100 ? "0" : v >= 10 ? "0.0" : "0.00", CultureInfo.InvariantCulture);
        sb.AppendLine(CultureInfo.InvariantCulture, $"Benchmark ({r.Mode}) {r.StartedAt:yyyy-MM-dd HH:mm} UTC, {r.DurationS:0} s, commit {r.Commit}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Machine: {r.Machine.Cores} cores, {r.Machine.MemoryGb:0} GB, {r.Machine.Os}, {r.Machine.Runtime}");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Database: PostgreSQL {r.Database.ServerVersion}, pgvector {r.Database.PgvectorVersion ?? "none"} ({r.Database.Source}: {r.Database.Host}/{r.Database.Name}); " +
            $"data: {r.Seeding.Scripts} scripts, {r.Seeding.Scenes} scenes from {r.Seeding.Script}, embeddings {r.Database.EmbeddingModel}");
        sb.AppendLine();
        sb.AppendLine("| step | count | p50_ms | p95_ms | p99_ms | max_ms | floor | ratio p95/floor | budget_ms |");
        sb.AppendLine("|---|---:|---:|---:|---:|---:|---|---:|---:|");
        foreach (var (step, s) in r.Steps.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            var ratio = r.Ratios.GetValueOrDefault(step);
            sb.AppendLine(CultureInfo.InvariantCulture,
                $"| {step} | {s.Count} | {F(s.P50Ms)} | {F(s.P95Ms)} | {F(s.P99Ms)} | {F(s.MaxMs)} | {ratio?.Floor ?? ""} | {(ratio is null ? "" : F(ratio.Ratio))} | {(ratio is null ? "" : F(ratio.BudgetMs))} |");
        }
        sb.AppendLine();
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Floors: select1_ms {F(r.Floors.Select1Ms)}, insert_ms {F(r.Floors.InsertMs)}, retrieval_sql_ms {F(r.Floors.RetrievalSqlMs)}");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"Pool: max_in_use {r.Pool.MaxInUse:0} of {r.Pool.MaxSize:0}, pending_max {r.Pool.PendingMax:0}, open_wait_p99_ms {F(r.Pool.OpenWaitP99Ms)}, timeouts {r.Pool.Timeouts:0}");
        sb.AppendLine("Cache hit rate: " + (r.CacheHitRate.Count == 0 ? "none"
            : string.Join(", ", r.CacheHitRate.Select(c => $"{c.Key} {(c.Value is { } v ? (v * 100).ToString("0.0", CultureInfo.InvariantCulture) + " %" : "–")}"))));
        sb.AppendLine($"Edits: sent {Show(r.EditsSent)}, acked {Show(r.EditsAcked)}, lost {Show(r.EditsLost)}");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Memory: working set {r.Memory.WorkingSetMb:0} MB (peak {r.Memory.PeakWorkingSetMb:0} MB), GC heap {r.Memory.GcHeapMb:0} MB");
        sb.AppendLine(CultureInfo.InvariantCulture,
            $"GC ({r.Memory.GcMode}): paused {r.Memory.GcPauseMs:0.#} ms in the run ({r.Memory.GcPausePercent:0.##} %), collections gen0 {r.Memory.Gen0Collections}, gen1 {r.Memory.Gen1Collections}, gen2 {r.Memory.Gen2Collections}; JIT {r.Memory.JitMs:0} ms in the run ({r.Memory.JitMethods} methods compiled)");
        sb.AppendLine(CultureInfo.InvariantCulture, $"Seeding: {r.Seeding.Seconds:0.0} s ({(r.Seeding.Reused ? "reused" : $"{r.Seeding.Imported} imports, {r.Seeding.Embedded} embeddings")})");
        foreach (var (name, status) in r.Workloads) sb.AppendLine($"Workload {name}: {status}");
        if (r.Incident.Count > 0)
        {
            sb.AppendLine();
            sb.AppendLine("| step | the incident | reported | ours p95 |");
            sb.AppendLine("|---|---|---:|---:|");
            foreach (var row in r.Incident)
                sb.AppendLine(CultureInfo.InvariantCulture,
                    $"| {row.Step} | {row.What} | {row.IncidentMs / 1000:0.0} s | {(row.OurP95Ms is { } ours ? F(ours) + " ms" : "not measured")} |");
        }
        return sb.ToString();
    }

    private static string Show(long? value) => value?.ToString(CultureInfo.InvariantCulture) ?? "not measured";
}
