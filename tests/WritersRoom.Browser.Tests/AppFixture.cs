using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Browser.Tests;

/// <summary>
/// One app (real Kestrel on a free loopback port, fresh database) and one Chromium for all browser tests.
/// Chromium is Debian's; Playwright never downloads a browser here.
/// </summary>
public sealed class AppFixture : IAsyncLifetime
{
    private readonly TestDatabase database = new();
    private WebApplicationFactory<Program> factory = null!;
    private IPlaywright playwright = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl { get; private set; } = "";
    public IServiceProvider Services => factory.Services;

    public async ValueTask InitializeAsync()
    {
        await database.InitializeAsync();
        // Read by Program at start-up (before any WithWebHostBuilder hook could run).
        Environment.SetEnvironmentVariable("ConnectionStrings__WritersRoom", database.ConnectionString);
        // A free loopback port, never a fixed one: other test runs share this machine.
        factory = new WebApplicationFactory<Program>().WithWebHostBuilder(b => b.UseEnvironment("Development").UseUrls("http://127.0.0.1:0"));
        factory.UseKestrel(0);
        factory.StartServer();
        var addresses = factory.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>();
        BaseUrl = addresses.Addresses.First().TrimEnd('/');
        playwright = await Playwright.CreateAsync();
        Browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = TestEnvironment.Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--headless", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    /// <summary>A browser context signed in as a new account (registered through the app's own endpoint).</summary>
    public async Task<(IBrowserContext Context, string UserId)> SignedInAsync(string name)
    {
        var context = await Browser.NewContextAsync(new() { BaseURL = BaseUrl });
        var email = $"{name}-{Guid.NewGuid():N}@example.test";
        var response = await context.APIRequest.PostAsync("/account/register", new()
        {
            Headers = new Dictionary<string, string> { ["X-WritersRoom"] = "1" },
            DataObject = new { Email = email, Password = "writersroom-test-1", DisplayName = name },
        });
        Assert.True(response.Ok, await response.TextAsync());
        await using var db = await Services.GetRequiredService<IDbContextFactory<WritersRoomDbContext>>().CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (context, id);
    }

    public async Task<Guid> ScriptAsync(string ownerId, string fountain, params (string UserId, ScriptRole Role)[] members)
    {
        var id = await Services.GetRequiredService<ScriptImporter>().ImportAsync(FountainParser.Parse(fountain), "Test", ownerId);
        await using var db = await Services.GetRequiredService<IDbContextFactory<WritersRoomDbContext>>().CreateDbContextAsync();
        foreach (var (user, role) in members) db.ScriptMembers.Add(new ScriptMember { ScriptId = id, UserId = user, Role = role });
        await db.SaveChangesAsync();
        return id;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        playwright.Dispose();
        await factory.DisposeAsync();
        await database.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class AppCollection : ICollectionFixture<AppFixture>
{
    public const string Name = "app";
}
