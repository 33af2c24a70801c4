using Microsoft.EntityFrameworkCore;
using WritersRoom.Data;
using WritersRoom.Data.Entities;

namespace WritersRoom.TestSupport;

/// <summary>Accounts inserted directly; Identity's own rules are tested through the account endpoints.</summary>
public static class TestUsers
{
    public static async Task<string> CreateAsync(IDbContextFactory<WritersRoomDbContext> factory, string email, string? displayName = null)
    {
        await using var db = await factory.CreateDbContextAsync();
        var user = new AppUser
        {
            UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant(),
            DisplayName = displayName,
        };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }

    /// <summary>A new account called <paramref name="name"/> with an email of its own.</summary>
    public static Task<string> CreateNamedAsync(IDbContextFactory<WritersRoomDbContext> factory, string name) =>
        CreateAsync(factory, $"{name}-{Guid.NewGuid():N}@example.test", name);
}
