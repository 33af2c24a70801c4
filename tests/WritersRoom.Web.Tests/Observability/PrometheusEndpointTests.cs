using System.Net;
using System.Net.Http.Headers;

namespace WritersRoom.Web.Tests.Observability;

public sealed class PrometheusAppFactory : AppFactory
{
    public const string Token = "scrape-secret";

    protected override IEnumerable<KeyValuePair<string, string>> Settings =>
    [
        new("Observability:Prometheus:Enabled", "true"),
        new("Observability:Prometheus:Token", Token),
    ];
}

public sealed class PrometheusEndpointTests(PrometheusAppFactory app) : IClassFixture<PrometheusAppFactory>
{
    [Fact]
    public async Task A_scrape_without_the_token_is_refused()
    {
        var client = await app.ClientAsync();

        var response = await client.GetAsync("/metrics", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_scrape_with_the_token_gets_our_metrics()
    {
        var client = await app.ClientAsync();
        // Something to export: a readiness check runs a query through the app's pool.
        await client.GetAsync("/readyz", TestContext.Current.CancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", PrometheusAppFactory.Token);

        var response = await client.SendAsync(request, TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("writersroom_circuits", text);
    }
}
