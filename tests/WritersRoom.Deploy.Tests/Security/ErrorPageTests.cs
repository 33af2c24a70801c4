using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace WritersRoom.Deploy.Tests.Security;

/// <summary>In Production an unhandled exception shows the generic error page: no exception text, no developer exception page.</summary>
public sealed class ErrorPageTests(SecurityApp app) : IClassFixture<SecurityApp>
{
    private const string Secret = "table users_secret_column at /srv/writersroom/Secret.cs";

    [Fact]
    public async Task An_exception_in_production_shows_the_error_page_without_its_message_or_stack()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var failing = app.Factory.WithWebHostBuilder(web =>
            web.ConfigureServices(services => services.AddSingleton<IStartupFilter>(new ThrowingEndpoint())));
        var client = failing.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var response = await client.GetAsync(ThrowingEndpoint.Path, ct);
        var body = await response.Content.ReadAsStringAsync(ct);

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Contains("An error occurred while processing your request.", body);
        Assert.DoesNotContain(Secret, body);
        Assert.DoesNotContain(nameof(InvalidOperationException), body);
        Assert.DoesNotContain(nameof(ThrowingEndpoint), body);
        Assert.DoesNotContain("Stack", body, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A path that fails with an exception naming internals, behind everything the app's pipeline set up.</summary>
    private sealed class ThrowingEndpoint : IStartupFilter
    {
        public const string Path = "/test-only/throws";

        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Use((context, nextMiddleware) => context.Request.Path == Path ? throw new InvalidOperationException(Secret) : nextMiddleware(context));
        };
    }
}
