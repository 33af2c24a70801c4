using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Editing.Rewrites;
using WritersRoom.Web.Tests.Ai;
using WritersRoom.Web.Tests.Editing;
using WritersRoom.Web.Tests.Security;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>
/// A script with an owner and the app's services as Program.cs registers them (editing, chat, AI pointed at the loopback
/// fake model, all started), for the assistant's rewrites end to end: the model's tool call, the stored proposal, the
/// apply through the live session.
/// </summary>
internal sealed class RewriteRoom : IAsyncDisposable
{
    public const string Fountain =
        "INT. RIVER - DAY\n\nEdward wades in with the bait.\n\nWILL\nDad, that fish is a story.\n\n" +
        "EXT. CAVE - NIGHT\n\nKarl the giant sulks in the dark.\n";

    private RewriteRoom(TestDatabase database, IHost host, FakeModelServer model, LogRecorder logs, string owner, Guid script)
    {
        Logs = logs;
        Database = database;
        Host = host;
        Model = model;
        Owner = owner;
        Script = script;
    }

    public TestDatabase Database { get; }
    public IHost Host { get; }
    public FakeModelServer Model { get; }
    public LogRecorder Logs { get; }
    public string Owner { get; }
    public Guid Script { get; }

    public RewriteService Rewrites => Host.Services.GetRequiredService<RewriteService>();
    public EditorService Editor => Host.Services.GetRequiredService<EditorService>();

    public static async Task<RewriteRoom> StartAsync(TestDatabase database, params (string Key, string Value)[] settings)
    {
        var model = await FakeModelServer.StartAsync();
        var logs = new LogRecorder();
        var host = await ServiceHost.StartAsync(database.ConnectionString, logs, [.. ServiceHost.FakeModel(model.Url), .. settings]);
        var owner = await TestUsers.CreateNamedAsync(database.Factory, "owner");
        var script = await new ScriptImporter(database.Factory).ImportAsync(FountainParser.Parse(Fountain), "River", owner);
        return new RewriteRoom(database, host, model, logs, owner, script);
    }

    public async Task<string> MemberAsync(string name, ScriptRole role)
    {
        var user = await TestUsers.CreateNamedAsync(Database.Factory, name);
        await ServiceHost.AddMemberAsync(Database.Factory, Script, user, role);
        return user;
    }

    /// <summary>One turn whose model first calls <c>propose_rewrite</c> with these arguments, then answers.</summary>
    public async Task<Message> AskForRewriteAsync(object arguments, string question = "Rewrite the opening paragraph, please.", string? user = null)
    {
        Model.ToolCalls.Enqueue(("propose_rewrite", JsonSerializer.Serialize(arguments)));
        return await AskAsync(question, user);
    }

    public async Task<Message> AskAsync(string question, string? user = null, Guid? sceneId = null, string? selection = null, Guid? script = null)
    {
        var request = new ChatTurnRequest(script ?? Script, Guid.CreateVersion7(), true, question, Guid.NewGuid().ToString("N"), selection, sceneId);
        AnswerFinished? finished = null;
        await foreach (var e in Host.Services.GetRequiredService<ChatPipeline>().SendAsync(user ?? Owner, request, TestContext.Current.CancellationToken))
            if (e is AnswerFinished f) finished = f;
        return Assert.IsType<AnswerFinished>(finished).Message;
    }

    /// <summary>The live session's paragraphs (what every editor shows), in reading order.</summary>
    public async Task<IReadOnlyList<(Guid Id, Core.Screenplay.ElementType Type, string Text)>> ParagraphsAsync()
    {
        var session = await Host.Services.GetRequiredService<ScriptSessionRegistry>().GetAsync(Script, TestContext.Current.CancellationToken);
        return session!.Paragraphs();
    }

    public async Task<ScriptSession> SessionAsync() =>
        (await Host.Services.GetRequiredService<ScriptSessionRegistry>().GetAsync(Script, TestContext.Current.CancellationToken))!;

    /// <summary>The stored paragraphs once the group commit has written everything the session holds.</summary>
    public async Task<List<Block>> StoredBlocksAsync(Guid? script = null)
    {
        var session = await SessionAsync();
        for (var i = 0; i < 500 && session.HasPendingWrites; i++) await Task.Delay(10, TestContext.Current.CancellationToken);
        Assert.False(session.HasPendingWrites);
        await using var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return await db.Blocks.AsNoTracking().Where(b => b.ScriptId == (script ?? Script)).OrderBy(b => b.Rank).ToListAsync(TestContext.Current.CancellationToken);
    }

    public async Task<List<RewriteProposal>> StoredProposalsAsync(Guid messageId)
    {
        await using var db = await Database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        return (await db.Messages.AsNoTracking().SingleAsync(m => m.Id == messageId, TestContext.Current.CancellationToken)).Proposals;
    }

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Model.DisposeAsync();
    }
}
