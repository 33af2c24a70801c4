using System.Net.Http.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using WritersRoom.TestSupport;
using WritersRoom.Web.Accounts;

namespace WritersRoom.Web.Tests.Observability;

/// <summary>The whole app on a fresh database, with extra settings per test class.</summary>
public class AppFactory : WebApplicationFactory<Program>, IAsyncLifetime
{
    private readonly TestDatabase _database = new();

    protected virtual IEnumerable<KeyValuePair<string, string>> Settings => [];

    public async ValueTask InitializeAsync() => await _database.InitializeAsync();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        builder.UseSetting("ConnectionStrings:WritersRoom", _database.ConnectionString);
        builder.UseSetting("Ai:Provider", "Offline");
        builder.UseSetting("Redis:Connection", "");
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>A client without automatic redirects that keeps its cookie; registered and signed in when an email is given.</summary>
    public async Task<HttpClient> ClientAsync(string? email = null)
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        if (email is null) return client;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/account/register")
        {
            Content = JsonContent.Create(new RegisterRequest(email, "Correct-horse-battery-9", null)),
        };
        request.Headers.Add(AccountEndpoints.RequiredHeader, "1");
        var response = await client.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, await response.Content.ReadAsStringAsync());
        return client;
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await _database.DisposeAsync();
        GC.SuppressFinalize(this);
    }
}
