using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;

namespace WritersRoom.Deploy.Tests.Security;

/// <summary>The whole app, in Production, on a fresh database, with real Identity sign-in.</summary>
public sealed class SecurityApp : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public WebApplicationFactory<Program> Factory { get; private set; } = null!;
    public RecordedLog Log { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        Factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseEnvironment("Production");
            web.UseSetting("ConnectionStrings:WritersRoom", Database.ConnectionString);
            web.ConfigureLogging(logging => logging.AddProvider(Log));
        });
    }

    public HttpClient Client() => Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

    /// <summary>A client whose requests arrive as HTTPS (TLS ended in front of the app as the app sees it: Request.IsHttps).</summary>
    public HttpClient HttpsClient() => Factory.CreateClient(new WebApplicationFactoryClientOptions
    {
        BaseAddress = new Uri("https://localhost"), AllowAutoRedirect = false, HandleCookies = false,
    });

    /// <summary>Signs in through the account endpoint as the browser's script does; the session cookie ("name=value"), or null.</summary>
    public async Task<(HttpResponseMessage Response, string? Cookie)> SignInAsync(string email, string password, CancellationToken ct, HttpClient? client = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/account/login") { Content = System.Net.Http.Json.JsonContent.Create(new { email, password }) };
        request.Headers.Add(WritersRoom.Web.Accounts.AccountEndpoints.RequiredHeader, "1");
        var response = await (client ?? Client()).SendAsync(request, ct);
        var cookie = response.Headers.TryGetValues("Set-Cookie", out var values)
            ? values.FirstOrDefault(c => c.StartsWith(SessionCookie + "=", StringComparison.Ordinal))?.Split(';')[0]
            : null;
        return (response, cookie);
    }

    public const string SessionCookie = ".AspNetCore.Identity.Application";

    /// <summary>GET with a cookie, as the browser sends it.</summary>
    public Task<HttpResponseMessage> GetAsync(string path, string? cookie, CancellationToken ct)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (cookie is not null) request.Headers.Add("Cookie", cookie);
        return Client().SendAsync(request, ct);
    }

    public async Task<AppUser> CreateUserAsync(string email, string password, bool disabled = false)
    {
        using var scope = Factory.Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { UserName = email, Email = email, IsDisabled = disabled };
        var result = await users.CreateAsync(user, password);
        Assert.True(result.Succeeded, string.Join(", ", result.Errors.Select(e => e.Description)));
        return user;
    }

    public async Task<AppUser?> FindAsync(string email)
    {
        using var scope = Factory.Services.CreateScope();
        return await scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
    }

    public async ValueTask DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Database.DisposeAsync();
    }
}
