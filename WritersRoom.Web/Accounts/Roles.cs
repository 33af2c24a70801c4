namespace WritersRoom.Web.Accounts;

/// <summary>Application-wide roles. Per-script roles are <see cref="Core.Scripts.ScriptRole"/>.</summary>
public static class Roles
{
    public const string Admin = "Admin";
    public const string Writer = "Writer";
}
