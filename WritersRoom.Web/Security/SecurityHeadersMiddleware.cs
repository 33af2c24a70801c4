using System.Security.Cryptography;

namespace WritersRoom.Web.Security;

/// <summary>
/// Response headers that keep the app's pages from being framed, sniffed or fed foreign scripts. The policy is
/// the narrowest that Blazor Server and MudBlazor run under: scripts only from this origin (Blazor Server needs
/// no eval) plus the one inline import map, which carries this request's nonce; inline styles, because
/// MudBlazor sets style attributes; connections (the circuit's WebSocket) only back to this host.
/// </summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    private const string NonceKey = "WritersRoom.CspNonce";

    public Task InvokeAsync(HttpContext context)
    {
        // Hex, not base64: a "+" would be HTML-encoded in the attribute and compared wrongly by anyone reading it back.
        var nonce = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
        context.Items[NonceKey] = nonce;
        var headers = context.Response.Headers;
        headers.ContentSecurityPolicy = Policy(context.Request, nonce);
        headers.XContentTypeOptions = "nosniff";
        headers.XFrameOptions = "DENY";
        headers["Referrer-Policy"] = "same-origin";
        headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=(), usb=()";
        headers["Cross-Origin-Opener-Policy"] = "same-origin";
        return next(context);
    }

    /// <summary>The nonce of this request's policy, for the few inline scripts the framework renders.</summary>
    public static string? Nonce(HttpContext? context) => context?.Items[NonceKey] as string;

    public static string Policy(HttpRequest request, string nonce)
    {
        // 'self' covers ws(s) to the same host only in newer browsers; naming the host keeps it to this origin.
        var socket = (request.IsHttps ? "wss://" : "ws://") + request.Host.Value;
        return string.Join("; ",
            "default-src 'self'",
            $"script-src 'self' 'nonce-{nonce}'",
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data: blob:",
            "font-src 'self' data:",
            $"connect-src 'self' {socket}",
            "object-src 'none'",
            "frame-ancestors 'none'",
            "base-uri 'self'",
            "form-action 'self'");
    }
}
