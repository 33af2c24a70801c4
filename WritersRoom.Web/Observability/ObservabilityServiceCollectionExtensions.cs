using System.Diagnostics.Metrics;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using WritersRoom.Web.Observability;
using WritersRoom.Web.Observability.Database;
using WritersRoom.Web.Observability.Health;
using WritersRoom.Web.Observability.Metrics;
using WritersRoom.Web.Observability.Process;

// In the hosting namespace (as the AI registration is) so Program.cs needs no extra using.
namespace Microsoft.Extensions.Hosting;

public static class ObservabilityServiceCollectionExtensions
{
    /// <summary>
    /// The in-process metrics aggregator behind the performance page, EF interceptors for slow queries and
    /// connection-open wait, on-demand database activity, process stats, health checks, and (only when
    /// <c>Observability:Prometheus:Enabled</c>) OpenTelemetry metrics with a Prometheus scrape endpoint.
    /// </summary>
    public static IHostApplicationBuilder AddWritersRoomObservability(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ObservabilityOptions>().BindConfiguration(ObservabilityOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton(sp => new MetricsAggregator(sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IMeterFactory>()));
        services.AddHostedService<MetricsSampling>();
        services.AddSingleton<TurnRecorder>();
        services.AddSingleton<PerformanceReader>();

        services.AddSingleton<DatabaseMetrics>();
        services.AddSingleton<SlowQueryLog>();
        services.AddSingleton<SlowQueryInterceptor>();
        services.AddSingleton<ConnectionOpenInterceptor>();
        // The data layer adds every IInterceptor in DI to the pooled context factory's options.
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<SlowQueryInterceptor>());
        services.AddSingleton<IInterceptor>(sp => sp.GetRequiredService<ConnectionOpenInterceptor>());
        services.AddSingleton<DatabaseActivityProbe>();
        services.AddSingleton<JobActivityProbe>();

        services.AddSingleton<CircuitCounter>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitCountingHandler>());
        services.AddSingleton<ProcessStats>();
        services.AddSingleton<RedisProbe>();

        var health = services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: [ReadyTag]);
        if (builder.Configuration["Redis:Connection"] is { Length: > 0 })
            health.AddCheck<RedisHealthCheck>("redis", tags: [ReadyTag]);

        if (PrometheusSettings(builder.Configuration).Enabled)
        {
            services.AddOpenTelemetry().WithMetrics(metrics =>
            {
                metrics.AddMeter([.. MeterNames.All]);
                // The runtime's and ASP.NET Core's own meters: GC, memory, requests, Kestrel, circuits.
                metrics.AddMeter("System.Runtime", "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel",
                    "Microsoft.AspNetCore.Components", "Microsoft.AspNetCore.Components.Server.Circuits");
                metrics.AddPrometheusExporter();
            });
        }
        return builder;
    }

    private const string ReadyTag = "ready";

    /// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (database, and Redis when configured), and the
    /// Prometheus endpoint when enabled, behind its bearer token when one is set.</summary>
    public static WebApplication MapWritersRoomObservability(this WebApplication app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = check => check.Tags.Contains(ReadyTag) });

        var prometheus = PrometheusSettings(app.Configuration);
        if (prometheus.Enabled)
        {
            app.MapPrometheusScrapingEndpoint(prometheus.Path, meterProvider: null,
                configureBranchedPipeline: branch => branch.Use(next => context => RequireToken(context, next, prometheus.Token)),
                optionsName: null);
        }
        return app;
    }

    private static PrometheusOptions PrometheusSettings(IConfiguration configuration) =>
        configuration.GetSection(ObservabilityOptions.SectionName).Get<ObservabilityOptions>()?.Prometheus ?? new PrometheusOptions();

    private static async Task RequireToken(HttpContext context, RequestDelegate next, string? token)
    {
        if (string.IsNullOrEmpty(token) || FixedTimeEquals(context.Request.Headers.Authorization.ToString(), "Bearer " + token))
        {
            await next(context);
            return;
        }
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = "Bearer";
        // A body, so the status-code page does not re-execute into the HTML "not found" page for a scraper.
        await context.Response.WriteAsync("A bearer token is required.");
    }

    private static bool FixedTimeEquals(string given, string expected) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(given), Encoding.UTF8.GetBytes(expected));
}
