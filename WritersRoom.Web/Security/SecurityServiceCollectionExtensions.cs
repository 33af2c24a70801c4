using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Identity;

namespace WritersRoom.Web.Security;

public static class SecurityServiceCollectionExtensions
{
    /// <summary>Cookie flags, error detail and shutdown behaviour that production relies on.</summary>
    public static IHostApplicationBuilder AddWritersRoomSecurity(this IHostApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(SecurityOptions.Section).Get<SecurityOptions>() ?? new SecurityOptions();
        builder.Services.Configure<SecurityOptions>(builder.Configuration.GetSection(SecurityOptions.Section));
        var secure = options.SecureCookies ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
        builder.Services.PostConfigure<CookieAuthenticationOptions>(IdentityConstants.ApplicationScheme, o => o.Cookie.SecurePolicy = secure);
        builder.Services.AddAntiforgery(o =>
        {
            o.Cookie.SecurePolicy = secure;
            o.Cookie.HttpOnly = true;
        });

        // Exception details reach the browser only while developing: in production they name tables, paths and ids.
        var development = builder.Environment.IsDevelopment();
        builder.Services.PostConfigure<CircuitOptions>(o => o.DetailedErrors = development);

        // SIGTERM: the host gives running work (acknowledged edits being flushed, jobs) this long before it stops.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    public static IApplicationBuilder UseWritersRoomSecurityHeaders(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeadersMiddleware>();
}
