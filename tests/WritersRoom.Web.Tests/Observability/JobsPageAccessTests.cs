using System.Net;

namespace WritersRoom.Web.Tests.Observability;

public sealed class JobsPageAccessTests(AppFactory app) : IClassFixture<AppFactory>
{
    // The first account on a fresh database becomes Admin: the admin is made once, before any writer.
    private static readonly SemaphoreSlim AdminGate = new(1, 1);
    private static HttpClient? _admin;

    private async Task<HttpClient> AdminAsync()
    {
        await AdminGate.WaitAsync();
        try
        {
            return _admin ??= await app.ClientAsync("jobs-admin@example.com");
        }
        finally
        {
            AdminGate.Release();
        }
    }

    [Fact]
    public async Task An_admin_sees_the_jobs_page()
    {
        var response = await (await AdminAsync()).GetAsync("/admin/jobs", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.Contains("data-testid=\"jobs-page\"", html);
        Assert.Contains("data-job=\"scene-summaries-embeddings\"", html);
    }

    [Fact]
    public async Task A_writer_gets_not_found()
    {
        await AdminAsync();
        var writer = await app.ClientAsync("jobs-writer@example.com");

        var response = await writer.GetAsync("/admin/jobs", TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain("jobs-page", html);
        Assert.DoesNotContain("scene-summaries-embeddings", html);
    }
}
