using Bunit;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Scripts;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Components.Editor.Review;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Editing.Comments;
using WritersRoom.Web.Editing.History;
using WritersRoom.Web.Editing.Revisions;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Components.Editor;

/// <summary>One editing host (database, sessions, history writer) shared by a class of panel tests.</summary>
public sealed class ReviewPanelHost : IAsyncLifetime
{
    /// <summary>Generous: the first queries of a process compile slowly on a busy machine; the tests assert what appears, not when.</summary>
    public static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    public EditingTestHost Editing { get; } = new();

    public async ValueTask InitializeAsync()
    {
        await Editing.InitializeAsync();
        // Warm the queries the panels run, so the first test does not pay for their compilation.
        var (script, owner, _) = await ScriptAsync("INT. WARM - DAY\n\nUp.\n");
        var services = Editing.Host.Services;
        await services.GetRequiredService<HistoryService>().CreateNamedAsync(owner, script, "warm-up");
        await services.GetRequiredService<HistoryService>().ListAsync(owner, script);
        var block = (await Editing.StoredParagraphsAsync(script))[0].Id;
        var thread = await services.GetRequiredService<CommentService>().AddAsync(owner, script, block, "warm-up");
        await services.GetRequiredService<CommentService>().ReplyAsync(owner, script, thread.Id, "warm-up");
        await services.GetRequiredService<CommentService>().ListAsync(owner, script);
    }
    public ValueTask DisposeAsync() => Editing.DisposeAsync();

    /// <summary>A bUnit context signed in as <paramref name="userId"/> with the real review services of the host.</summary>
    public BunitContext Context(string userId)
    {
        var context = MudTestContext.Create();
        context.SignIn(userId);
        var services = Editing.Host.Services;
        context.Services.AddLogging();
        context.Services.AddSingleton(services.GetRequiredService<CommentService>());
        context.Services.AddSingleton(services.GetRequiredService<HistoryService>());
        context.Services.AddSingleton(services.GetRequiredService<RevisionService>());
        context.Services.AddScoped<CurrentUser>();
        return context;
    }

    /// <summary>A script owned by a new user, with members in the given roles.</summary>
    public async Task<(Guid Script, string Owner, Dictionary<ScriptRole, string> Members)> ScriptAsync(string fountain, params ScriptRole[] roles)
    {
        var owner = await Editing.CreateUserAsync("owner");
        var script = await Editing.ImportAsync(fountain, owner);
        var members = new Dictionary<ScriptRole, string>();
        foreach (var role in roles)
        {
            members[role] = await Editing.CreateUserAsync(role.ToString().ToLowerInvariant());
            await Editing.AddMemberAsync(script, members[role], role);
        }
        return (script, owner, members);
    }

    /// <summary>An editor attached to the live session whose events reach <paramref name="events"/>, as ScriptEditor's pump does.</summary>
    public Task<EditorConnection> AttachAsync(Guid script, string userId, EditorEvents events) =>
        Editing.Editor.OpenAsync(script, userId, "Panel", new ForwardingClient(events));

    private sealed class ForwardingClient(EditorEvents events) : IEditorClient
    {
        public void OnUpdate(EditorUpdate update) { }
        public void OnCommitted(IReadOnlyList<Guid> opIds) { }
        public void OnRejected(OpRejection rejection) { }
        public void OnPresence(IReadOnlyList<PresenceEntry> presence) { }
        // Publish only enqueues, so it is safe under the session's lock (the app's pump calls it off the lock).
        public void OnEvent(SessionEvent sessionEvent) => events.Publish(sessionEvent);
    }
}
