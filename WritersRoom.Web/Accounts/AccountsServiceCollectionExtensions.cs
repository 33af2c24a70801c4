using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WritersRoom.Data;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Accounts;

public static class AccountsServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddWritersRoomAccounts(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddCascadingAuthenticationState();
        services.AddScoped<AuthenticationStateProvider, RevalidatingAuthenticationStateProvider>();
        services.AddScoped<CurrentUser>();
        services.AddSingleton<FirstAccountRole>();
        services.AddSingleton<UserAdministration>();
        services.TryAddSingleton<ISessionEndBus, LocalSessionEndBus>();
        services.AddSingleton<SessionEndings>();

        services.AddAuthentication(IdentityConstants.ApplicationScheme).AddIdentityCookies();
        services.AddAuthorization();
        services.AddIdentityCore<AppUser>(o =>
            {
                o.User.RequireUniqueEmail = true;
                // Length over composition rules (NIST SP 800-63B): "correct horse battery" is a fine password.
                o.Password.RequiredLength = 8;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequireUppercase = false;
                o.Password.RequireLowercase = false;
                o.Password.RequireDigit = false;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(5);
            })
            .AddRoles<IdentityRole>()
            .AddEntityFrameworkStores<WritersRoomDbContext>()
            .AddSignInManager()
            .AddDefaultTokenProviders();

        services.ConfigureApplicationCookie(o =>
        {
            o.LoginPath = "/login";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            // A signed-in user without the role (a writer on an admin page) gets "not found", not a redirect:
            // the page's existence is not confirmed, and there is no access-denied page to loop through.
            o.Events.OnRedirectToAccessDenied = context =>
            {
                context.Response.StatusCode = StatusCodes.Status404NotFound;
                return Task.CompletedTask;
            };
        });
        // A changed security stamp (disabled account, sessions ended by an admin) ends cookie sessions within a minute on any
        // instance; SessionEndings ends them at once on every instance that heard of it.
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(1));
        services.AddOptions<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme)
            .PostConfigure<SessionEndings, IOptions<IdentityOptions>, ILoggerFactory>((cookie, endings, identity, loggers) =>
                EndedSessionCookies.Refuse(cookie, endings, identity.Value, loggers.CreateLogger(AccountEvents.Category)));

        // Keys in the database: a restart or another instance does not log anyone out.
        services.AddDataProtection().SetApplicationName("WritersRoom").PersistKeysToDbContext<WritersRoomDbContext>();
        return builder;
    }
}
