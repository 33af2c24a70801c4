using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Components.Admin;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Admin;

/// <summary>The admin's users page over real Identity stores: the "End sessions" button signs the account out everywhere.</summary>
public sealed class UsersPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private async Task<string> UserAsync(string role)
    {
        var id = await TestUsers.CreateAsync(database.Factory, $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com");
        await using var db = await database.Factory.CreateDbContextAsync();
        var found = await db.Roles.FirstOrDefaultAsync(r => r.Name == role);
        if (found is null) db.Roles.Add(found = new IdentityRole(role) { NormalizedName = role.ToUpperInvariant() });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = found.Id });
        await db.Users.Where(u => u.Id == id).ExecuteUpdateAsync(u => u.SetProperty(x => x.SecurityStamp, Guid.NewGuid().ToString("N")));
        await db.SaveChangesAsync();
        return id;
    }

    private BunitContext Create(string adminId)
    {
        var context = PageServices.Create(database, adminId);
        context.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<WritersRoomDbContext>>().CreateDbContext());
        context.Services.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<WritersRoomDbContext>();
        context.Services.AddSingleton<ISessionEndBus, LocalSessionEndBus>();
        context.Services.AddSingleton<SessionEndings>();
        context.Services.AddSingleton<UserAdministration>();
        return context;
    }

    private async Task<string?> StampAsync(string userId)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
    }

    [Fact]
    public async Task End_sessions_signs_the_account_out_everywhere_at_once_and_leaves_it_enabled()
    {
        var admin = await UserAsync(Roles.Admin);
        var writer = await UserAsync(Roles.Writer);
        var stamp = await StampAsync(writer);
        await using var context = Create(admin);
        var endings = context.Services.GetRequiredService<SessionEndings>();
        var told = 0;
        using var circuit = endings.Watch(writer, () => Interlocked.Increment(ref told));
        var page = context.Render<UsersPage>();
        var row = $"[data-testid=user-item][data-user-id=\"{writer}\"]";
        page.WaitForElement(row, TimeSpan.FromSeconds(30));

        page.Find($"{row} [data-testid=user-end-sessions]").Click();

        page.WaitForAssertion(() => Assert.Equal(1, Volatile.Read(ref told)), TimeSpan.FromSeconds(30));
        Assert.True(endings.HasEnded(writer, stamp));
        Assert.NotEqual(stamp, await StampAsync(writer));
        Assert.Contains(context.Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message != null && s.Message.Contains("is signed out everywhere"));
        page.WaitForAssertion(() => Assert.Contains("Active", page.Find(row).TextContent));
        Assert.Empty(page.FindAll("[data-testid=users-error]"));
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.False(await db.Users.Where(u => u.Id == writer).Select(u => u.IsDisabled).SingleAsync(TestContext.Current.CancellationToken));
    }
}
