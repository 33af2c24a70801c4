using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Accounts;

public sealed class UserAdministrationTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly LogRecorder logs = new();
    private ServiceProvider services = null!;
    private UserAdministration Administration => services.GetRequiredService<UserAdministration>();

    public async ValueTask InitializeAsync()
    {
        var collection = new ServiceCollection();
        collection.AddLogging(l => l.AddProvider(logs));
        collection.AddSingleton<ISessionEndBus, LocalSessionEndBus>();
        collection.AddSingleton<SessionEndings>();
        collection.AddSingleton(database.Factory);
        collection.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<WritersRoomDbContext>>().CreateDbContext());
        collection.AddIdentityCore<AppUser>().AddRoles<IdentityRole>().AddEntityFrameworkStores<WritersRoomDbContext>();
        collection.AddSingleton<UserAdministration>();
        services = collection.BuildServiceProvider();
        await FirstAccountRole.EnsureRolesAsync(services);
        // Tests share the database: start each with no enabled admin but the ones it makes.
        await using var db = await database.Factory.CreateDbContextAsync();
        await db.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.IsDisabled, true));
    }

    public async ValueTask DisposeAsync() => await services.DisposeAsync();

    [Fact]
    public async Task The_last_enabled_admin_can_be_neither_demoted_nor_disabled()
    {
        var admin = await CreateAsync(Roles.Admin);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(UserChangeResult.LastAdmin, await Administration.SetAdminAsync(admin, Id(admin), false, ct));
        Assert.Equal(UserChangeResult.LastAdmin, await Administration.SetDisabledAsync(admin, Id(admin), true, ct));

        var me = Assert.Single(await Administration.ListAsync(admin, ct), a => a.Id == Id(admin));
        Assert.True(me.IsAdmin);
        Assert.False(me.IsDisabled);
    }

    [Fact]
    public async Task With_a_second_admin_one_can_be_demoted_and_loses_the_role()
    {
        var admin = await CreateAsync(Roles.Admin);
        var other = await CreateAsync(Roles.Admin);
        var ct = TestContext.Current.CancellationToken;

        Assert.Equal(UserChangeResult.Done, await Administration.SetAdminAsync(admin, Id(other), false, ct));

        var demoted = Assert.Single(await Administration.ListAsync(admin, ct), a => a.Id == Id(other));
        Assert.False(demoted.IsAdmin);
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.ListAsync(other, ct));
    }

    [Fact]
    public async Task Disabling_an_account_flags_it_and_changes_its_security_stamp_so_sessions_end()
    {
        var admin = await CreateAsync(Roles.Admin);
        var writer = await CreateAsync(Roles.Writer);
        var ct = TestContext.Current.CancellationToken;
        var stampBefore = await StampAsync(Id(writer));

        Assert.Equal(UserChangeResult.Done, await Administration.SetDisabledAsync(admin, Id(writer), true, ct));

        Assert.True(Assert.Single(await Administration.ListAsync(admin, ct), a => a.Id == Id(writer)).IsDisabled);
        Assert.NotEqual(stampBefore, await StampAsync(Id(writer)));

        Assert.Equal(UserChangeResult.Done, await Administration.SetDisabledAsync(admin, Id(writer), false, ct));
        Assert.False(Assert.Single(await Administration.ListAsync(admin, ct), a => a.Id == Id(writer)).IsDisabled);
    }

    [Fact]
    public async Task Ending_sessions_changes_the_security_stamp()
    {
        var admin = await CreateAsync(Roles.Admin);
        var writer = await CreateAsync(Roles.Writer);
        var stampBefore = await StampAsync(Id(writer));

        Assert.Equal(UserChangeResult.Done, await Administration.EndSessionsAsync(admin, Id(writer), TestContext.Current.CancellationToken));

        Assert.NotEqual(stampBefore, await StampAsync(Id(writer)));
    }

    [Fact]
    public async Task Ending_sessions_refuses_the_old_cookies_at_once_tells_the_live_circuits_logs_it_and_lets_the_user_sign_in_again()
    {
        var admin = await CreateAsync(Roles.Admin);
        var writer = await CreateAsync(Roles.Writer);
        var endings = services.GetRequiredService<SessionEndings>();
        var stampBefore = await StampAsync(Id(writer));
        var told = 0;
        using var circuit = endings.Watch(Id(writer), () => Interlocked.Increment(ref told));
        using var adminCircuit = endings.Watch(Id(admin), () => Assert.Fail("the admin's own circuit was told"));

        Assert.Equal(UserChangeResult.Done, await Administration.EndSessionsAsync(admin, Id(writer), TestContext.Current.CancellationToken));

        Assert.Equal(1, told);
        Assert.True(endings.HasEnded(Id(writer), stampBefore));
        Assert.False(endings.HasEnded(Id(writer), await StampAsync(Id(writer))));
        var account = Assert.Single(await Administration.ListAsync(admin, TestContext.Current.CancellationToken), a => a.Id == Id(writer));
        Assert.False(account.IsDisabled);
        Assert.Contains(logs.Entries, e => e.Category == AccountEvents.Category && e.Level == LogLevel.Warning
            && e.Message == $"Sessions of account {Id(writer)} ended by admin {Id(admin)}");
    }

    [Fact]
    public async Task Disabling_or_demoting_ends_the_sessions_at_once_too_and_enabling_does_not()
    {
        var admin = await CreateAsync(Roles.Admin);
        var writer = await CreateAsync(Roles.Writer);
        var other = await CreateAsync(Roles.Admin);
        var endings = services.GetRequiredService<SessionEndings>();
        var ct = TestContext.Current.CancellationToken;
        var told = new List<string>();
        using var w = endings.Watch(Id(writer), () => told.Add("writer"));
        using var o = endings.Watch(Id(other), () => told.Add("other"));

        await Administration.SetDisabledAsync(admin, Id(writer), true, ct);
        await Administration.SetDisabledAsync(admin, Id(writer), false, ct);
        await Administration.SetAdminAsync(admin, Id(other), false, ct);

        Assert.Equal(["writer", "other"], told);
    }

    [Fact]
    public async Task A_writer_is_refused_whatever_the_screen_showed()
    {
        await CreateAsync(Roles.Admin);
        var writer = await CreateAsync(Roles.Writer);
        var ct = TestContext.Current.CancellationToken;

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.ListAsync(writer, ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.SetAdminAsync(writer, Id(writer), true, ct));
        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.EndSessionsAsync(writer, Id(writer), ct));
    }

    [Fact]
    public async Task A_disabled_admin_is_refused()
    {
        var admin = await CreateAsync(Roles.Admin);
        var disabled = await CreateAsync(Roles.Admin);
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal(UserChangeResult.Done, await Administration.SetDisabledAsync(admin, Id(disabled), true, ct));

        await Assert.ThrowsAsync<UnauthorizedAccessException>(() => Administration.ListAsync(disabled, ct));
    }

    private static string Id(ClaimsPrincipal principal) => principal.FindFirstValue(ClaimTypes.NameIdentifier)!;

    /// <summary>A new account in <paramref name="role"/>, as the principal its cookie would carry.</summary>
    private async Task<ClaimsPrincipal> CreateAsync(string role)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var email = $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@example.com";
        var user = new AppUser { UserName = email, Email = email };
        Assert.True((await users.CreateAsync(user)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return new ClaimsPrincipal(new ClaimsIdentity([new Claim(ClaimTypes.NameIdentifier, user.Id)], "test"));
    }

    private async Task<string?> StampAsync(string userId)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Users.Where(u => u.Id == userId).Select(u => u.SecurityStamp).SingleAsync();
    }
}
