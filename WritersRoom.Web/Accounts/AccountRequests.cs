namespace WritersRoom.Web.Accounts;

public sealed record LoginRequest(string Email, string Password, bool RememberMe);

public sealed record RegisterRequest(string Email, string Password, string? DisplayName);

public sealed record AccountError(string Error);
