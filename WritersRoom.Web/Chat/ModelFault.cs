using System.ClientModel;
using System.Globalization;
using Microsoft.SemanticKernel;

namespace WritersRoom.Web.Chat;

/// <summary>Reads a provider failure: its HTTP status and any Retry-After, wherever SK or the SDK wrapped it.</summary>
public sealed record ModelFault(int? Status, TimeSpan? RetryAfter)
{
    public bool IsRateLimited => Status == 429;
    public bool IsServerError => Status is >= 500 and < 600;

    public static ModelFault Of(Exception error)
    {
        ArgumentNullException.ThrowIfNull(error);
        for (var e = error; e is not null; e = e.InnerException)
        {
            if (e is ClientResultException client)
                return new ModelFault(client.Status, RetryAfterOf(client.GetRawResponse()));
            if (e is HttpOperationException { StatusCode: { } code })
                return new ModelFault((int)code, null);
            if (e is HttpRequestException { StatusCode: { } status })
                return new ModelFault((int)status, null);
        }

        return new ModelFault(null, null);
    }

    private static TimeSpan? RetryAfterOf(System.ClientModel.Primitives.PipelineResponse? response)
    {
        if (response is null || !response.Headers.TryGetValue("Retry-After", out var value) || value is null) return null;
        if (double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var seconds)) return TimeSpan.FromSeconds(seconds);
        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at)
            ? at - DateTimeOffset.UtcNow
            : null;
    }
}
