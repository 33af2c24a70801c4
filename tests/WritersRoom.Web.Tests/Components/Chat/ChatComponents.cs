using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Tests.Chat;

namespace WritersRoom.Web.Tests.Components.Chat;

/// <summary>
/// The chat components over the real pipeline: the app's registrations on a test database, the model either the
/// offline provider or the loopback fake server. The bUnit context gets the very services the host built.
/// </summary>
internal sealed class ChatComponents : IAsyncDisposable
{
    // A turn goes through the database and the model's HTTP stream: on a busy 2-core machine that can take more than
    // bUnit's default second. Waiting longer changes nothing when the behaviour is right.
    static ChatComponents() => BunitContext.DefaultWaitTimeout = TimeSpan.FromSeconds(15);

    private ChatComponents(IHost host, BunitContext context)
    {
        Host = host;
        Context = context;
    }

    public IHost Host { get; }
    public BunitContext Context { get; }

    public static ChatComponents Create(TestDatabase database, string userId, string? fakeServerUrl, params (string Key, string Value)[] settings) =>
        Create(database, userId, fakeServerUrl, null, settings);

    /// <summary>As above, with the circuit guard's policy set (and the host's log kept in <paramref name="logs"/>, when given).</summary>
    public static ChatComponents Create(TestDatabase database, string userId, string? fakeServerUrl, Action<WritersRoom.Web.Security.Circuits.CircuitGuardOptions>? guard,
        (string Key, string Value)[] settings, WritersRoom.Web.Tests.Editing.LogRecorder? logs = null)
    {
        var host = ChatTestHost.Build(database, fakeServerUrl, logs, settings);
        var context = MudTestContext.Create();
        context.SignIn(userId);
        context.AddCircuitGuard(guard);
        context.Services.AddLogging(l => { if (logs is not null) l.AddProvider(logs); });
        context.Services.AddSingleton(host.Services.GetRequiredService<ChatPipeline>());
        context.Services.AddSingleton(host.Services.GetRequiredService<ChatThreads>());
        context.Services.AddSingleton(host.Services.GetRequiredService<AiProviderInfo>());
        context.Services.AddSingleton(host.Services.GetRequiredService<WritersRoom.Data.Scripts.ScriptCatalog>());
        context.Services.AddScoped<CurrentUser>();
        return new ChatComponents(host, context);
    }

    public ChatStore Store => Host.Services.GetRequiredService<ChatStore>();

    /// <summary>A thread with one question, stored as the UI would store it (the thread is created by its first message).</summary>
    public async Task<Guid> ThreadAsync(Guid scriptId, string userId, string question, bool shared = false)
    {
        var id = Guid.CreateVersion7();
        await Store.AppendUserMessageAsync(new UserTurn(id, scriptId, userId, question, Guid.NewGuid().ToString("N") + ":user", ChatPipeline.TitleFrom(question)));
        if (shared) await Store.SetSharedAsync(id, scriptId, userId, true);
        return id;
    }

    public static async Task<List<Message>> MessagesAsync(TestDatabase database, Guid conversationId)
    {
        await using var db = await database.Factory.CreateDbContextAsync();
        return await db.Messages.Where(m => m.ConversationId == conversationId).OrderBy(m => m.CreatedAt).ToListAsync();
    }

    /// <summary>The script's scenes as retrieval numbers them (the N of [Scene N]), with their headings and paragraph ids.</summary>
    public static Task<IReadOnlyList<WritersRoom.Core.Retrieval.SceneDocument>> ScenesAsync(TestDatabase database, Guid scriptId) =>
        new SceneCorpus(database.DataSource).LoadAsync(scriptId, "", null);

    public async ValueTask DisposeAsync()
    {
        await Context.DisposeAsync();
        Host.Dispose();
    }
}
