using Microsoft.AspNetCore.Identity;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Accounts;

/// <summary>
/// Sign-in needs a plain HTTP response to set the cookie, which a Blazor circuit cannot send; the MudBlazor forms
/// post here with fetch and then reload. The custom header makes a cross-site form post impossible (it would need
/// a CORS preflight that we never grant).
/// </summary>
public static class AccountEndpoints
{
    public const string RequiredHeader = "X-WritersRoom";

    public static IEndpointRouteBuilder MapAccountEndpoints(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/account").AddEndpointFilter(async (context, next) =>
            context.HttpContext.Request.Headers.ContainsKey(RequiredHeader)
                ? await next(context)
                : Results.BadRequest(new AccountError("Missing request header.")));

        group.MapPost("/login", LoginAsync);
        group.MapPost("/register", RegisterAsync);
        group.MapPost("/logout", async (SignInManager<AppUser> signIn, HttpContext http, ILoggerFactory loggers) =>
        {
            var userId = signIn.UserManager.GetUserId(http.User);
            await signIn.SignOutAsync();
            if (userId is not null) loggers.CreateLogger(AccountEvents.Category).LogInformation("User {UserId} signed out", userId);
            return Results.Ok();
        });
        return app;
    }

    private static async Task<IResult> LoginAsync(LoginRequest request, SignInManager<AppUser> signIn, ILoggerFactory loggers)
    {
        var log = loggers.CreateLogger(AccountEvents.Category);
        var user = await signIn.UserManager.FindByEmailAsync(request.Email.Trim());
        if (user is null)
        {
            log.LogWarning("Failed sign-in for unknown account {Email}", request.Email);
            return Results.BadRequest(new AccountError("Wrong email or password."));
        }
        if (user.IsDisabled)
        {
            log.LogWarning("Sign-in refused for disabled account {UserId}", user.Id);
            return Results.BadRequest(new AccountError("This account is disabled. Ask an administrator."));
        }

        var result = await signIn.PasswordSignInAsync(user, request.Password, request.RememberMe, lockoutOnFailure: true);
        if (result.Succeeded)
        {
            log.LogInformation("User {UserId} signed in", user.Id);
            return Results.Ok();
        }
        if (result.IsLockedOut)
        {
            log.LogWarning("Account {UserId} locked out after failed sign-ins", user.Id);
            return Results.BadRequest(new AccountError("Too many failed attempts. Try again in a few minutes."));
        }
        log.LogWarning("Failed sign-in for {UserId}", user.Id);
        return Results.BadRequest(new AccountError("Wrong email or password."));
    }

    private static async Task<IResult> RegisterAsync(RegisterRequest request, UserManager<AppUser> users,
        SignInManager<AppUser> signIn, FirstAccountRole firstAccount, ILoggerFactory loggers)
    {
        var email = request.Email.Trim();
        var user = new AppUser
        {
            UserName = email,
            Email = email,
            DisplayName = string.IsNullOrWhiteSpace(request.DisplayName) ? null : request.DisplayName.Trim(),
        };
        var created = await users.CreateAsync(user, request.Password);
        if (!created.Succeeded)
            return Results.BadRequest(new AccountError(string.Join(" ", created.Errors.Select(e => e.Description))));

        var role = await firstAccount.AssignAsync(user.Id);
        await signIn.SignInAsync(user, isPersistent: true);
        loggers.CreateLogger(AccountEvents.Category).LogInformation("User {UserId} registered as {Role}", user.Id, role);
        return Results.Ok();
    }
}
