using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Components;

/// <summary>The services the script pages use, over a real test database, registered as the app registers them.</summary>
internal static class PageServices
{
    public static BunitContext Create(TestDatabase database, string userId)
    {
        var context = MudTestContext.Create();
        context.SignIn(userId);
        var services = context.Services;
        services.AddLogging();
        services.AddMemoryCache();
        services.AddSingleton(database.Factory);
        services.AddSingleton<ScriptCatalog>();
        services.AddSingleton<ScriptMembers>();
        services.AddSingleton<ScriptImporter>();
        services.AddSingleton<ScriptDocumentLoader>();
        services.AddSingleton<ScriptAccess>();
        services.AddSingleton<ScriptFileImport>();
        services.AddSingleton<FountainImport>();
        services.AddScoped<CurrentUser>();
        return context;
    }

    /// <summary>Inserts an account directly; Identity's own rules are tested through the account endpoints.</summary>
    public static Task<string> CreateUserAsync(TestDatabase database, string? email = null) =>
        TestUsers.CreateAsync(database.Factory, email ?? $"{Guid.NewGuid():N}@example.com");

    public static async Task<int> BlockCountAsync(TestDatabase database, Guid scriptId)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Blocks.CountAsync(b => b.ScriptId == scriptId);
    }

    public static FountainImport Importer(TestDatabase database) =>
        new(new ScriptFileImport(new ScriptImporter(database.Factory), Microsoft.Extensions.Logging.Abstractions.NullLogger<ScriptFileImport>.Instance));
}
