using Microsoft.AspNetCore.Identity;

namespace WritersRoom.Data.Entities;

public class AppUser : IdentityUser
{
    public string? DisplayName { get; set; }

    /// <summary>A disabled account cannot sign in and its sessions end at the next security-stamp check.</summary>
    public bool IsDisabled { get; set; }

    public DateTimeOffset CreatedAt { get; set; } = DateTimeOffset.UtcNow;
}
