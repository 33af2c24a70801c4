using WritersRoom.Core.Scripts;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;

namespace WritersRoom.Data.Tests.Scripts;

public sealed class ScriptCatalogTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private readonly ScriptCatalog catalog = new(database.Factory);
    private readonly ScriptMembers members = new(database.Factory);

    private async Task<(string Alice, string Bob)> UsersAsync()
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        var tag = Guid.NewGuid().ToString("N")[..8];
        return (await TestUsers.CreateAsync(db, $"alice-{tag}@example.com"), await TestUsers.CreateAsync(db, $"bob-{tag}@example.com"));
    }

    [Fact]
    public async Task A_blank_script_is_listed_for_its_owner_only()
    {
        var (alice, bob) = await UsersAsync();
        var id = await catalog.CreateBlankAsync(alice, "  The Heist  ", TestContext.Current.CancellationToken);

        var mine = await catalog.ListAsync(alice, TestContext.Current.CancellationToken);
        var theirs = await catalog.ListAsync(bob, TestContext.Current.CancellationToken);

        var entry = Assert.Single(mine);
        Assert.Equal(id, entry.Id);
        Assert.Equal("The Heist", entry.Title);
        Assert.Equal(ScriptRole.Owner, entry.Role);
        Assert.Equal(1, entry.SceneCount);
        Assert.Empty(theirs);
    }

    [Fact]
    public async Task A_non_member_cannot_rename_or_delete_and_sees_nothing()
    {
        var (alice, bob) = await UsersAsync();
        var id = await catalog.CreateBlankAsync(alice, "Private", TestContext.Current.CancellationToken);

        Assert.False(await catalog.RenameAsync(bob, id, "Stolen", TestContext.Current.CancellationToken));
        Assert.False(await catalog.DeleteAsync(bob, id, TestContext.Current.CancellationToken));
        Assert.Null(await catalog.GetRoleAsync(bob, id, TestContext.Current.CancellationToken));
        Assert.Null(await members.ListAsync(bob, id, TestContext.Current.CancellationToken));
        Assert.Equal("Private", Assert.Single(await catalog.ListAsync(alice, TestContext.Current.CancellationToken)).Title);
    }

    [Fact]
    public async Task A_writer_renames_but_only_an_owner_deletes()
    {
        var (alice, bob) = await UsersAsync();
        var id = await catalog.CreateBlankAsync(alice, "Shared", TestContext.Current.CancellationToken);
        await using (var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken))
        {
            var email = db.Users.Single(u => u.Id == bob).Email!;
            Assert.Equal(MemberChangeResult.Done, await members.SetByEmailAsync(alice, id, email, ScriptRole.Writer, TestContext.Current.CancellationToken));
        }

        Assert.True(await catalog.RenameAsync(bob, id, "Renamed by Bob", TestContext.Current.CancellationToken));
        Assert.False(await catalog.DeleteAsync(bob, id, TestContext.Current.CancellationToken));
        Assert.True(await catalog.DeleteAsync(alice, id, TestContext.Current.CancellationToken));
        Assert.Empty(await catalog.ListAsync(bob, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Roles_compare_by_power_in_sql_not_by_name()
    {
        var (alice, bob) = await UsersAsync();
        var id = await catalog.CreateBlankAsync(alice, "Roles", TestContext.Current.CancellationToken);
        Assert.Equal(MemberChangeResult.Done, await members.SetRoleAsync(alice, id, bob, ScriptRole.Reader, TestContext.Current.CancellationToken));

        // "Reader" sorts after "Owner" as text; a reader must still not pass a writer's check.
        Assert.False(await catalog.RenameAsync(bob, id, "Nope", TestContext.Current.CancellationToken));
        Assert.Equal(MemberChangeResult.NotFound, await members.SetRoleAsync(bob, id, bob, ScriptRole.Owner, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task The_last_owner_cannot_be_removed_or_demoted()
    {
        var (alice, _) = await UsersAsync();
        var id = await catalog.CreateBlankAsync(alice, "Solo", TestContext.Current.CancellationToken);

        Assert.Equal(MemberChangeResult.LastOwner, await members.RemoveAsync(alice, id, alice, TestContext.Current.CancellationToken));
        Assert.Equal(MemberChangeResult.LastOwner, await members.SetRoleAsync(alice, id, alice, ScriptRole.Writer, TestContext.Current.CancellationToken));
        Assert.Equal(ScriptRole.Owner, await catalog.GetRoleAsync(alice, id, TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Adding_an_unknown_email_says_so()
    {
        var (alice, _) = await UsersAsync();
        var id = await catalog.CreateBlankAsync(alice, "Invite", TestContext.Current.CancellationToken);
        Assert.Equal(MemberChangeResult.NoSuchUser,
            await members.SetByEmailAsync(alice, id, "nobody@example.com", ScriptRole.Writer, TestContext.Current.CancellationToken));
    }
}
