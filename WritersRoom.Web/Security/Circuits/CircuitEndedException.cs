namespace WritersRoom.Web.Security.Circuits;

/// <summary>Thrown into a circuit's renderer (and at any later message from its browser) to make the framework tear it down.</summary>
public sealed class CircuitEndedException(string reason, string? redirectTo = null) : Exception($"The server ended this connection: {reason}")
{
    public string Reason { get; } = reason;

    /// <summary>Where a well-behaved browser is sent first (the sign-in page when the account's sessions ended), if anywhere.</summary>
    public string? RedirectTo { get; } = redirectTo;
}
