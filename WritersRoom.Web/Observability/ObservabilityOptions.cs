using System.ComponentModel.DataAnnotations;

namespace WritersRoom.Web.Observability;

/// <summary>The <c>Observability</c> section: slow-query threshold and the optional Prometheus scrape endpoint.</summary>
public sealed class ObservabilityOptions
{
    public const string SectionName = "Observability";

    /// <summary>EF commands at or above this many milliseconds are listed as slow queries.</summary>
    [Range(1, 600_000)]
    public int SlowQueryMs { get; set; } = 200;

    /// <summary>How often observable instruments (pool size, circuits) are sampled into the rolling windows.</summary>
    [Range(50, 60_000)]
    public int SampleIntervalMs { get; set; } = 1000;

    public PrometheusOptions Prometheus { get; set; } = new();
}

public sealed class PrometheusOptions
{
    /// <summary>Off by default: metrics name tables and timings an anonymous visitor has no business reading.</summary>
    public bool Enabled { get; set; }

    /// <summary>When set, a scrape must send <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
    public string? Token { get; set; }

    public string Path { get; set; } = "/metrics";
}
