namespace WritersRoom.Core.Ai;

/// <summary>
/// The start-up checks of <see cref="AiOptions"/>. Each message names the configuration key and the fix,
/// because the reader is a self-hoster looking at a failed container start.
/// </summary>
public static class AiOptionsRules
{
    /// <summary>pgvector's limit for the <c>vector</c> type.</summary>
    public const int MaxEmbeddingDimensions = 16000;

    public static IReadOnlyList<string> Validate(AiOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var errors = new List<string>();
        var section = AiOptions.SectionName;
        var provider = options.Provider;

        if (!Enum.IsDefined(provider))
            errors.Add($"{section}:Provider '{provider}' is unknown; use Offline, OpenAI, AzureOpenAI or Ollama.");

        if (options.EmbeddingDimensions is { } size && (size < 1 || size > MaxEmbeddingDimensions))
            errors.Add($"{section}:EmbeddingDimensions must be between 1 and {MaxEmbeddingDimensions} (it is {size}).");

        CheckPositive(errors, options.FirstTokenTimeout, nameof(AiOptions.FirstTokenTimeout));
        CheckPositive(errors, options.BetweenTokensTimeout, nameof(AiOptions.BetweenTokensTimeout));
        CheckPositive(errors, options.EmbeddingTimeout, nameof(AiOptions.EmbeddingTimeout));
        CheckPositive(errors, options.RequestTimeout, nameof(AiOptions.RequestTimeout));

        if (options.IsOffline || !Enum.IsDefined(provider))
            return errors;

        var modelNoun = provider == AiProvider.AzureOpenAI ? " (the deployment name)" : "";

        if (string.IsNullOrWhiteSpace(options.Endpoint))
            errors.Add($"{section}:Endpoint is required when {section}:Provider is {provider}.");
        else if (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint)
                 || (endpoint.Scheme != Uri.UriSchemeHttp && endpoint.Scheme != Uri.UriSchemeHttps))
            errors.Add($"{section}:Endpoint must be an absolute http(s) URL when {section}:Provider is {provider} (it is '{options.Endpoint}').");
        else if (provider == AiProvider.OpenAI && string.IsNullOrWhiteSpace(options.ApiKey)
                 && endpoint.Host.Equals("api.openai.com", StringComparison.OrdinalIgnoreCase))
            errors.Add($"{section}:ApiKey is required when {section}:Endpoint is OpenAI's own API.");

        if (provider == AiProvider.AzureOpenAI && string.IsNullOrWhiteSpace(options.ApiKey))
            errors.Add($"{section}:ApiKey is required when {section}:Provider is AzureOpenAI.");

        if (string.IsNullOrWhiteSpace(options.ChatModel))
            errors.Add($"{section}:ChatModel{modelNoun} is required when {section}:Provider is {provider}.");

        if (string.IsNullOrWhiteSpace(options.EmbeddingModel))
            errors.Add($"{section}:EmbeddingModel{modelNoun} is required when {section}:Provider is {provider}.");
        else if (options.ResolveEmbeddingDimensions() is null)
            errors.Add($"{section}:EmbeddingDimensions is required when {section}:Provider is {provider}: "
                       + $"the size of '{options.EmbeddingModel}' is not known here (e.g. 1536 for text-embedding-3-small).");

        return errors;
    }

    private static void CheckPositive(List<string> errors, TimeSpan value, string name)
    {
        if (value <= TimeSpan.Zero)
            errors.Add($"{AiOptions.SectionName}:{name} must be positive (it is {value}).");
    }
}
