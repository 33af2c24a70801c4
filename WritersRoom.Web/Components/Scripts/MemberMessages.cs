using WritersRoom.Data.Scripts;

namespace WritersRoom.Web.Components.Scripts;

/// <summary>What a writer reads when a membership change does not go through.</summary>
public static class MemberMessages
{
    public static string? Describe(MemberChangeResult result, string? email = null) => result switch
    {
        MemberChangeResult.Done => null,
        MemberChangeResult.NoSuchUser =>
            $"No account uses {(string.IsNullOrWhiteSpace(email) ? "that email" : email.Trim())}. Ask them to register first, then add them.",
        MemberChangeResult.LastOwner => "A script needs at least one owner. Make someone else an owner first.",
        MemberChangeResult.NotFound => "Only the script's owners can change its members.",
        _ => "The change did not go through.",
    };
}
