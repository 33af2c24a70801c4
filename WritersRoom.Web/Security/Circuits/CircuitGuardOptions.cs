namespace WritersRoom.Web.Security.Circuits;

/// <summary>
/// When a circuit (one browser tab's live connection) is ended for misbehaving (section "CircuitGuard"). The
/// per-feature limits refuse first (edits per second, chat messages per minute, message sizes); these decide when a
/// client that keeps sending refused or forged requests, or floods the connection, loses it.
/// </summary>
public sealed class CircuitGuardOptions
{
    public const string SectionName = "CircuitGuard";

    /// <summary>Refused requests (rate limited, oversize, malformed) a circuit may collect within <see cref="RefusalWindow"/>.</summary>
    public int MaxRefusals { get; set; } = 20;

    public TimeSpan RefusalWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>
    /// Messages per second from the browser (events, interop calls, render acknowledgements), sustained, and the burst on
    /// top: a page load or a fast typist stays far below; past them the circuit ends at once.
    /// </summary>
    public double InboundPerSecond { get; set; } = 200;

    public double InboundBurst { get; set; } = 2000;

    /// <summary>A paragraph or scene id of another script in a request: the client is forged, the circuit ends at once.</summary>
    public bool EndOnForeignIds { get; set; } = true;

    internal static bool AreValid(CircuitGuardOptions o) =>
        o.MaxRefusals > 0 && o.RefusalWindow > TimeSpan.Zero && o.InboundPerSecond > 0 && o.InboundBurst >= 1;
}
