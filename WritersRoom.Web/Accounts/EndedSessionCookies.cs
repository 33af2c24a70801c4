using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Identity;

namespace WritersRoom.Web.Accounts;

/// <summary>
/// Before Identity's own security stamp check (which reads the database once a minute per cookie), a cookie of
/// sessions that were just ended is refused on its very next request: an in-memory lookup, nothing on the request path.
/// </summary>
internal static class EndedSessionCookies
{
    public static void Refuse(CookieAuthenticationOptions cookie, SessionEndings endings, IdentityOptions identity, ILogger log)
    {
        var next = cookie.Events.OnValidatePrincipal;
        cookie.Events.OnValidatePrincipal = async context =>
        {
            var principal = context.Principal;
            var userId = principal?.FindFirstValue(identity.ClaimsIdentity.UserIdClaimType);
            if (userId is not null && endings.HasEnded(userId, principal!.FindFirstValue(identity.ClaimsIdentity.SecurityStampClaimType)))
            {
                log.LogWarning("Refused a session cookie of user {UserId}: its sessions were ended", userId);
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(IdentityConstants.ApplicationScheme);
                return;
            }
            await next(context);
        };
    }
}
