namespace WritersRoom.Web.Accounts;

/// <summary>
/// Authentication events (sign-in, failures, lockout, sign-out, registration, sessions ended, cookies refused) are
/// logged under one category, so an operator can route them to an audit log with one filter.
/// </summary>
public static class AccountEvents
{
    public const string Category = "WritersRoom.Accounts";
}
