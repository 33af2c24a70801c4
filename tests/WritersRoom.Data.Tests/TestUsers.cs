using WritersRoom.Data;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Tests;

internal static class TestUsers
{
    /// <summary>Inserts an account directly (Identity's own behaviour is tested through the web app).</summary>
    public static async Task<string> CreateAsync(WritersRoomDbContext db, string email)
    {
        var user = new AppUser { UserName = email, Email = email, NormalizedEmail = email.ToUpperInvariant(), NormalizedUserName = email.ToUpperInvariant() };
        db.Users.Add(user);
        await db.SaveChangesAsync();
        return user.Id;
    }
}
