namespace WritersRoom.Web.Components.Account;

/// <summary>What account.js returns from a post to /account/*: ok, or the server's message.</summary>
public sealed record AccountResult(bool Ok, string? Error);
