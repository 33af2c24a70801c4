using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Browser.Tests.Infrastructure;

/// <summary>Accounts and scripts for browser tests, made the quick way: the app's register endpoint, the importer.</summary>
public static class TestAccounts
{
    /// <summary>A browser context on <paramref name="origin"/>, signed in as a new account registered there.</summary>
    public static async Task<(IBrowserContext Context, string UserId)> SignedInAsync(
        IBrowser browser, TestDatabase database, Uri origin, string name, float timeoutMs = 15_000)
    {
        var context = await browser.NewContextAsync(new() { BaseURL = origin.ToString() });
        context.SetDefaultTimeout(timeoutMs);
        var email = $"{name}-{Guid.NewGuid():N}@example.test";
        var response = await context.APIRequest.PostAsync("/account/register", new()
        {
            Headers = new Dictionary<string, string> { ["X-WritersRoom"] = "1" },
            DataObject = new { Email = email, Password = "writersroom-test-1", DisplayName = name },
        });
        Assert.True(response.Ok, await response.TextAsync());
        await using var db = await database.Factory.CreateDbContextAsync();
        var id = await db.Users.Where(u => u.Email == email).Select(u => u.Id).SingleAsync();
        return (context, id);
    }

    /// <summary>A script owned by <paramref name="ownerId"/>, written straight to the database, with extra members.</summary>
    public static async Task<Guid> ScriptAsync(TestDatabase database, string ownerId, string fountain, params (string UserId, ScriptRole Role)[] members)
    {
        var id = await new ScriptImporter(database.Factory).ImportAsync(FountainParser.Parse(fountain), "Test", ownerId);
        await using var db = await database.Factory.CreateDbContextAsync();
        foreach (var (user, role) in members) db.ScriptMembers.Add(new ScriptMember { ScriptId = id, UserId = user, Role = role });
        await db.SaveChangesAsync();
        return id;
    }
}
