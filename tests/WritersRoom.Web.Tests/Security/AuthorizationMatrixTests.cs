using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Retrieval;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Chat;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Formats;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Security;

public enum Caller { Owner, Writer, Commenter, Reader, NonMember }

public enum Target { OwnScript, SomeoneElsesScript }

public enum Act { Read, OpenEditor, Edit, Chat, Tools, Export, Reports, ListMembers, ChangeMembers, Rename, Delete }

/// <summary>
/// Allowed: the action happens. NotFound: the service answers as if the script did not exist (no data, no hint it
/// does). Denied: a member without the role gets a refusal that says why, and nothing changes.
/// </summary>
public enum Outcome { Allowed, NotFound, Denied }

/// <summary>
/// Every per-script role × every service a circuit calls × the caller's own script and someone else's, called
/// directly at the service layer (what a forged interop call reaches). "Own script" is the script on which the
/// caller has that role; "someone else's" is a script the caller is no member of. A non-member only has the
/// latter. A disabled account is not visible here (services take a user id): sign-in refuses it and the circuit
/// revalidation ends its sessions (Deploy.Tests SignInTests, RevalidatingAuthenticationStateProvider); admin pages
/// for a writer answer 404 (Observability/PerformancePageAccessTests).
/// </summary>
public sealed class AuthorizationMatrixTests(TestDatabase database) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private const string Fountain = "INT. KITCHEN - NIGHT\n\nMARY\nWhere were you?\n\nEXT. PORCH - DAY\n\nJohn waits.\n";

    private readonly LogRecorder _logs = new();
    private IHost _host = null!;

    public async ValueTask InitializeAsync() => _host = await ServiceHost.StartAsync(database.ConnectionString, _logs);

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }

    public static TheoryData<Caller, Act, Target, Outcome> Cells()
    {
        var data = new TheoryData<Caller, Act, Target, Outcome>();
        foreach (var act in Enum.GetValues<Act>())
        {
            foreach (var caller in Enum.GetValues<Caller>())
            {
                if (caller != Caller.NonMember) data.Add(caller, act, Target.OwnScript, Expected(caller, act));
                data.Add(caller, act, Target.SomeoneElsesScript, Outcome.NotFound);
            }
        }
        return data;
    }

    /// <summary>The policy, in one place: reading (and asking the assistant about) a script needs membership;
    /// editing and renaming need the writer role; members and deletion need the owner.</summary>
    private static Outcome Expected(Caller caller, Act act)
    {
        var role = RoleOf(caller);
        var needed = act switch
        {
            Act.Edit or Act.Rename => ScriptRole.Writer,
            Act.ChangeMembers or Act.Delete => ScriptRole.Owner,
            _ => ScriptRole.Reader,
        };
        return role >= needed ? Outcome.Allowed : Outcome.Denied;
    }

    private static ScriptRole RoleOf(Caller caller) => caller switch
    {
        Caller.Owner => ScriptRole.Owner, Caller.Writer => ScriptRole.Writer, Caller.Commenter => ScriptRole.Commenter, _ => ScriptRole.Reader,
    };

    [Theory]
    [MemberData(nameof(Cells))]
    public async Task Each_role_gets_exactly_its_rights_on_each_action(Caller caller, Act act, Target target, Outcome expected)
    {
        var room = await RoomAsync(caller);
        var scriptId = target == Target.OwnScript ? room.Own : room.Foreign;

        var observed = await PerformAsync(act, room.Caller, scriptId);

        Assert.Equal(expected, observed);
        if (expected != Outcome.Allowed) await AssertUntouchedAsync(scriptId);
    }

    private sealed record Room(string Caller, Guid Own, Guid Foreign, string Stranger);

    /// <summary>A fresh pair of scripts per case (some actions delete or rename): the caller's, with the caller in
    /// the given role, and a stranger's.</summary>
    private async Task<Room> RoomAsync(Caller caller)
    {
        var factory = database.Factory;
        var owner = await ServiceHost.UserAsync(factory, "owner");
        var stranger = await ServiceHost.UserAsync(factory, "stranger");
        var importer = new ScriptImporter(factory);
        var own = await importer.ImportAsync(FountainParser.Parse(Fountain), "Own", owner);
        var foreign = await importer.ImportAsync(FountainParser.Parse(Fountain), "Foreign", stranger);
        if (caller is Caller.Owner) return new Room(owner, own, foreign, stranger);

        var who = await ServiceHost.UserAsync(factory, caller.ToString());
        if (caller != Caller.NonMember) await ServiceHost.AddMemberAsync(factory, own, who, RoleOf(caller));
        // A non-member's "someone else's script" is the room's script, which has members and content.
        return caller == Caller.NonMember ? new Room(who, own, own, stranger) : new Room(who, own, foreign, stranger);
    }

    private T Get<T>() where T : notnull => _host.Services.GetRequiredService<T>();

    private async Task<Outcome> PerformAsync(Act act, string user, Guid scriptId)
    {
        var ct = TestContext.Current.CancellationToken;
        try
        {
            switch (act)
            {
                case Act.Read:
                {
                    var header = await Get<ScriptCatalog>().GetHeaderAsync(user, scriptId, ct);
                    var listed = (await Get<ScriptCatalog>().ListAsync(user, ct)).Any(s => s.Id == scriptId);
                    await Get<ScriptAccess>().RequireAsync(user, scriptId, ScriptRole.Reader, ct);
                    Assert.NotNull(header);
                    Assert.True(listed);
                    return Outcome.Allowed;
                }
                case Act.OpenEditor:
                {
                    using var connection = await Get<EditorService>().OpenAsync(scriptId, user, "caller", new RecordingClient(), ct);
                    Assert.NotEmpty(connection.Snapshot.Blocks);
                    return Outcome.Allowed;
                }
                case Act.Edit:
                    return await EditAsync(user, scriptId, ct);
                case Act.Chat:
                {
                    var request = new ChatTurnRequest(scriptId, Guid.CreateVersion7(), true, "Who waits on the porch?", Guid.NewGuid().ToString("N"));
                    await foreach (var e in Get<ChatPipeline>().SendAsync(user, request, ct))
                    {
                        Assert.IsType<UserMessageStored>(e);
                        return Outcome.Allowed;
                    }
                    throw new InvalidOperationException("The turn said nothing.");
                }
                case Act.Tools:
                {
                    var tools = ToolsFor(scriptId, user);
                    var scene = await tools.ReadSceneAsync("1", ct);
                    var outline = await tools.OutlineAsync(ct);
                    var found = await tools.ScenesWithCharacterAsync("MARY", ct);
                    Assert.Contains("KITCHEN", scene, StringComparison.Ordinal);
                    Assert.Contains("KITCHEN", found, StringComparison.Ordinal);
                    Assert.NotEmpty(outline);
                    return Outcome.Allowed;
                }
                case Act.Export:
                {
                    var file = await Get<ScriptExports>().ExportAsync(user, scriptId, "fountain", ct: ct);
                    if (file is null) return Outcome.NotFound;
                    Assert.Contains("KITCHEN", System.Text.Encoding.UTF8.GetString(file.Content), StringComparison.Ordinal);
                    return Outcome.Allowed;
                }
                case Act.Reports:
                {
                    var report = await Get<ScriptExports>().ReportAsync(user, scriptId, ct);
                    if (report is null) return Outcome.NotFound;
                    Assert.Equal(2, report.Report.Scenes.Count);
                    return Outcome.Allowed;
                }
                case Act.ListMembers:
                {
                    var members = await Get<ScriptMembers>().ListAsync(user, scriptId, ct);
                    return members is null ? Outcome.NotFound : Outcome.Allowed;
                }
                case Act.ChangeMembers:
                    return await ChangeMembersAsync(user, scriptId, ct);
                case Act.Rename:
                    return await RenameAsync(user, scriptId, ct);
                case Act.Delete:
                    return await DeleteAsync(user, scriptId, ct);
                default:
                    throw new ArgumentOutOfRangeException(nameof(act));
            }
        }
        catch (ScriptNotFoundException)
        {
            return Outcome.NotFound;
        }
        catch (ScriptAccessDeniedException)
        {
            return Outcome.Denied;
        }
    }

    private ScriptTools ToolsFor(Guid scriptId, string user) =>
        new(scriptId, user, Get<ScriptAccess>(), Get<ScriptReader>(), Get<SceneSearch>());

    private async Task<Outcome> EditAsync(string user, Guid scriptId, CancellationToken ct)
    {
        var client = new RecordingClient();
        using var connection = await Get<EditorService>().OpenAsync(scriptId, user, "caller", client, ct);
        var block = connection.Snapshot.Blocks.Last();
        var op = EditOp.Update(block.Id, block.Version, block.Text, block.Text + " EDITED");
        await connection.SubmitAsync([op], ct: ct);
        for (var i = 0; i < 500 && client.Committed.IsEmpty && client.Rejected.IsEmpty; i++) await Task.Delay(10, ct);
        if (client.Rejected.TryPeek(out var rejection))
        {
            Assert.Equal("You can read this script but not edit it.", rejection.Reason);
            Assert.Contains(_logs.Entries, e => e.Message.Contains("Refused", StringComparison.Ordinal) && e.Message.Contains(user, StringComparison.Ordinal));
            return Outcome.Denied;
        }
        Assert.Contains(op.OpId, client.Committed);
        return Outcome.Allowed;
    }

    private async Task<Outcome> ChangeMembersAsync(string user, Guid scriptId, CancellationToken ct)
    {
        var members = Get<ScriptMembers>();
        var newcomer = await ServiceHost.UserAsync(database.Factory, "newcomer");
        var result = await members.SetRoleAsync(user, scriptId, newcomer, ScriptRole.Writer, ct);
        if (result == MemberChangeResult.Done) return Outcome.Allowed;
        Assert.Equal(MemberChangeResult.NotFound, result);
        // The service answers one refusal for "no such script" and "not an owner" (it leaks nothing either way);
        // a member who can see the script reads the refusal as the owner-only rule.
        return await IsMemberAsync(user, scriptId, ct) ? Outcome.Denied : Outcome.NotFound;
    }

    private async Task<Outcome> RenameAsync(string user, Guid scriptId, CancellationToken ct)
    {
        if (await Get<ScriptCatalog>().RenameAsync(user, scriptId, "Renamed", ct)) return Outcome.Allowed;
        return await IsMemberAsync(user, scriptId, ct) ? Outcome.Denied : Outcome.NotFound;
    }

    private async Task<Outcome> DeleteAsync(string user, Guid scriptId, CancellationToken ct)
    {
        if (await Get<ScriptCatalog>().DeleteAsync(user, scriptId, ct)) return Outcome.Allowed;
        return await IsMemberAsync(user, scriptId, ct) ? Outcome.Denied : Outcome.NotFound;
    }

    private async Task<bool> IsMemberAsync(string user, Guid scriptId, CancellationToken ct) =>
        await Get<ScriptCatalog>().GetRoleAsync(user, scriptId, ct) is not null;

    /// <summary>A refused action changed nothing: the script is there, its title and text as imported, no new member.</summary>
    private async Task AssertUntouchedAsync(Guid scriptId)
    {
        var document = await new ScriptDocumentLoader(database.Factory).LoadAsync(scriptId, TestContext.Current.CancellationToken);
        Assert.NotNull(document);
        Assert.DoesNotContain(document.Scenes.SelectMany(s => s.Blocks), b => b.Text.Contains("EDITED", StringComparison.Ordinal));
        Assert.NotEqual("Renamed", document.Script.Title);
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        Assert.DoesNotContain(db.ScriptMembers.Where(m => m.ScriptId == scriptId).Select(m => m.User!.DisplayName), n => n == "newcomer");
    }
}
