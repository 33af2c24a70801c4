namespace WritersRoom.Web.Ai;

/// <summary>Names under which the AI clients publish traces and metrics (add them to the OpenTelemetry set-up).</summary>
public static class AiTelemetry
{
    public const string SourceName = "WritersRoom.Ai";
}
