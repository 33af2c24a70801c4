using Microsoft.Extensions.DependencyInjection.Extensions;
using WritersRoom.Core.Retrieval;
using WritersRoom.Data;
using WritersRoom.Data.Bible;
using WritersRoom.Data.Chat;
using WritersRoom.Web.Ai;
using WritersRoom.Web.Bible;
using WritersRoom.Web.Chat;

// In the hosting namespace (as the AI registration is) so Program.cs needs no extra using.
namespace Microsoft.Extensions.Hosting;

public static class ChatServiceCollectionExtensions
{
    /// <summary>The assistant: retrieval, the turn pipeline, tools, limits, usage recording and metrics.</summary>
    public static IHostApplicationBuilder AddWritersRoomChat(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddOptions<AssistantOptions>().BindConfiguration(AssistantOptions.SectionName).ValidateOnStart();
        services.AddMemoryCache();
        services.AddMetrics();
        services.AddSingleton<ChatMetrics>();
        builder.AddWritersRoomBible();
        // Retrieval and the tools' reads go to the read-only database (a replica when configured); the thread's own
        // messages stay on the primary, where the answer just saved is certain to be.
        services.AddSingleton(sp => new SceneCorpus(sp.GetRequiredService<ReadOnlyDatabase>().DataSource));
        services.AddSingleton<SceneRetrieval>();
        services.AddSingleton<ChatStore>();
        services.AddSingleton(sp => new ScriptReader(sp.GetRequiredService<SceneCorpus>(), sp.GetRequiredService<ReadOnlyDatabase>().Factory));
        services.AddSingleton<ITokenCounter>(_ => new CachedTokenCounter(new TiktokenCounter()));
        services.AddSingleton<PromptAssembler>();
        services.AddSingleton<QueryEmbeddings>();
        services.TryAddSingleton<QueryEmbedders>();
        services.TryAddSingleton<SceneFreshness>();
        services.AddSingleton<SearchModels>();
        services.AddSingleton<SceneSearch>();
        services.TryAddSingleton<IConversationSummaryQueue, StateDrivenSummaryQueue>();
        services.AddSingleton<ChatLimits>();
        services.AddSingleton<UsageRecorder>();
        services.AddHostedService(sp => sp.GetRequiredService<UsageRecorder>());
        services.AddSingleton<IntentResolver>();
        services.AddSingleton<ChatContextBuilder>();
        services.AddSingleton<AnswerStreamer>();
        services.AddSingleton<ChatAfterTurn>();
        services.AddSingleton<ChatPipeline>();
        services.AddSingleton<ChatThreads>();
        return builder;
    }
}
