using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using WritersRoom.Core.Ai;
using WritersRoom.Web.Ai;

// In the hosting namespace (as Aspire's service defaults are) so Program.cs needs no extra using.
namespace Microsoft.Extensions.Hosting;

public static class AiServiceCollectionExtensions
{
    /// <summary>
    /// Registers the AI plumbing from the <c>Ai</c> section: validated <see cref="AiOptions"/>,
    /// <see cref="AiProviderInfo"/>, a singleton <see cref="IChatClient"/> and
    /// <see cref="IEmbeddingGenerator{String, Embedding}"/> for the configured provider, and a transient
    /// Semantic Kernel <see cref="Kernel"/> whose chat completion is that same client.
    /// </summary>
    /// <remarks>
    /// Timeouts here bound each HTTP call (<c>RequestTimeout</c>, <c>EmbeddingTimeout</c>); the streaming
    /// first-token and between-token timeouts belong to the chat pipeline, which reads them from
    /// <see cref="AiOptions"/>. The provider is read from the validated options when the clients are first
    /// resolved, so a bad setting fails at start-up (ValidateOnStart) with the validator's message.
    /// </remarks>
    public static IHostApplicationBuilder AddWritersRoomAi(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;

        services.AddOptions<AiOptions>().BindConfiguration(AiOptions.SectionName).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AiOptions>, AiOptionsValidator>();
        services.AddSingleton(sp => AiProviderInfo.From(Options(sp)));

        services.AddChatClient(sp => AiClientFactory.CreateChatClient(Options(sp)))
            .Use(AddKernelFunctionInvocation)
            .UseOpenTelemetry(sourceName: AiTelemetry.SourceName);

        services.AddEmbeddingGenerator(sp => CreateEmbeddingGenerator(Options(sp)))
            .UseOpenTelemetry(sourceName: AiTelemetry.SourceName);

        // Kernel is transient (it is mutable: plugins are added per use); it resolves the chat client above.
        services.AddKernel();
#pragma warning disable SKEXP0001 // Experimental in SK 1.82, and the documented bridge from IChatClient to SK.
        services.AddSingleton(sp => sp.GetRequiredService<IChatClient>().AsChatCompletionService(sp));
#pragma warning restore SKEXP0001

        return builder;
    }

    private static AiOptions Options(IServiceProvider services) => services.GetRequiredService<IOptions<AiOptions>>().Value;

    // Tool calls through the Kernel (FunctionChoiceBehavior.Auto) need SK's invoking layer, which also runs SK's
    // function filters. Offline answers never call tools, so it gets none; nor does anything get a second layer.
    private static IChatClient AddKernelFunctionInvocation(IChatClient inner, IServiceProvider services)
    {
        if (Options(services).IsOffline)
            return inner;
#pragma warning disable SKEXP0001 // Experimental in SK 1.82; SK's own connectors build their pipelines this way.
        return inner.AsBuilder().UseKernelFunctionInvocation(services.GetService<ILoggerFactory>()).Build(services);
#pragma warning restore SKEXP0001
    }

    private static IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddingGenerator(AiOptions options)
    {
        var dimensions = options.ResolveEmbeddingDimensions()
                         ?? throw new InvalidOperationException("Ai:EmbeddingDimensions is not set and the model's size is unknown.");
        var model = options.IsOffline ? HashedEmbedder.ModelIdFor(dimensions) : options.EmbeddingModel!;
        var generator = AiClientFactory.CreateEmbeddingGenerator(options, dimensions);
        return new EmbeddingTimeoutGenerator(new EmbeddingDimensionGuard(generator, dimensions, model), options.EmbeddingTimeout);
    }
}
