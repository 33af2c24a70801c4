using System.Net;

namespace WritersRoom.Web.Tests.Observability;

public sealed class PerformancePageAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    // The first account on a fresh database becomes Admin; the tests in this class share one database, so the
    // admin is made once, before any writer.
    private static readonly SemaphoreSlim AdminGate = new(1, 1);
    private static HttpClient? _admin;

    private async Task<HttpClient> AdminAsync()
    {
        await AdminGate.WaitAsync();
        try
        {
            return _admin ??= await app.ClientAsync("admin@example.com");
        }
        finally
        {
            AdminGate.Release();
        }
    }

    [Fact]
    public async Task An_admin_sees_the_performance_page()
    {
        var admin = await AdminAsync();

        var response = await admin.GetAsync("/admin/performance", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        foreach (var id in new[] { "perf-page", "perf-steps", "perf-pool", "perf-cache", "perf-jobs" })
            Assert.Contains($"data-testid=\"{id}\"", html);
    }

    [Fact]
    public async Task A_writer_gets_not_found()
    {
        await AdminAsync();
        var writer = await app.ClientAsync("writer@example.com");

        var response = await writer.GetAsync("/admin/performance", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("perf-page", html);
    }

    [Fact]
    public async Task An_anonymous_visitor_is_sent_to_sign_in()
    {
        var anonymous = await app.ClientAsync();

        var response = await anonymous.GetAsync("/admin/performance", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/login", response.Headers.Location?.PathAndQuery ?? response.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Healthz_and_readyz_answer()
    {
        var anonymous = await app.ClientAsync();

        var alive = await anonymous.GetAsync("/healthz", TestContext.Current.CancellationToken);
        var ready = await anonymous.GetAsync("/readyz", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, alive.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_prometheus_endpoint_is_off_by_default()
    {
        var anonymous = await app.ClientAsync();

        var response = await anonymous.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }
}
