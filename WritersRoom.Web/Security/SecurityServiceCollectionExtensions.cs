using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Components.Server;
using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using WritersRoom.Web.Security.Circuits;

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

        AddCircuitGuard(builder.Services);

        // SIGTERM: the host gives running work (acknowledged edits being flushed, jobs) this long before it stops.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        return builder;
    }

    /// <summary>One <see cref="CircuitGuard"/> per circuit, in front of everything its browser sends.</summary>
    public static IServiceCollection AddCircuitGuard(this IServiceCollection services)
    {
        services.AddOptions<CircuitGuardOptions>().BindConfiguration(CircuitGuardOptions.SectionName)
            .Validate(CircuitGuardOptions.AreValid, "CircuitGuard: MaxRefusals, RefusalWindow, InboundPerSecond and InboundBurst must be positive.")
            .ValidateOnStart();
        services.TryAddScoped<CircuitGuard>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitGuardHandler>());
        return services;
    }

    public static IApplicationBuilder UseWritersRoomSecurityHeaders(this IApplicationBuilder app) =>
        app.UseMiddleware<SecurityHeadersMiddleware>();
}
