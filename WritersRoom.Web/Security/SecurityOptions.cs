namespace WritersRoom.Web.Security;

/// <summary>Settings under "Security" (environment: Security__SecureCookies=true).</summary>
public sealed class SecurityOptions
{
    public const string Section = "Security";

    /// <summary>
    /// Mark cookies Secure even when the request reached the app over plain HTTP: set it when TLS ends at a load
    /// balancer in front of the app. Off by default so that a plain-HTTP self-hosted instance can still sign in.
    /// </summary>
    public bool SecureCookies { get; set; }
}
