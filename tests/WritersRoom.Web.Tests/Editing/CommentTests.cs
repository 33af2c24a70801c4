// Each call here is short and bounded; the host (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Scripts;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Editing.Comments;
using WritersRoom.Web.Editing.History;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Editing;

/// <summary>Comment threads against the real database and live sessions: roles, forged ids, fan-out.</summary>
public sealed class CommentTests : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n\nEXT. ROAD - NIGHT\n\nA car passes.\n";
    private readonly EditingTestHost host = new();

    public ValueTask InitializeAsync() => host.InitializeAsync();
    public ValueTask DisposeAsync() => host.DisposeAsync();

    private CommentService Comments => host.Host.Services.GetRequiredService<CommentService>();

    private async Task<(Guid Script, string Owner, Guid Action)> ScriptAsync()
    {
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(Fountain, owner);
        var action = (await host.StoredParagraphsAsync(script)).Single(p => p.Text == "Edward wades in.").Id;
        return (script, owner, action);
    }

    private async Task<string> MemberAsync(Guid script, ScriptRole role)
    {
        var user = await host.CreateUserAsync(role.ToString().ToLowerInvariant());
        await host.AddMemberAsync(script, user, role);
        return user;
    }

    private async Task<int> StoredCommentsAsync()
    {
        await using var db = await host.DbAsync();
        return await db.Comments.CountAsync();
    }

    [Fact]
    public async Task A_commenter_starts_a_thread_and_every_writer_on_the_script_hears_it()
    {
        var (script, owner, action) = await ScriptAsync();
        var commenter = await MemberAsync(script, ScriptRole.Commenter);
        var watcher = new RecordingClient();
        using var ownerEditor = await host.Editor.OpenAsync(script, owner, "Owner", watcher);

        var thread = await Comments.AddAsync(commenter, script, action, "  Why does he wade in?  ");

        Assert.Equal(action, thread.BlockId);
        Assert.Equal("Why does he wade in?", Assert.Single(thread.Comments).Text);
        Assert.Equal("Edward wades in.", thread.Excerpt);
        var heard = Assert.IsType<CommentThreadChanged>(Assert.Single(watcher.Events));
        Assert.Equal(thread.Id, heard.ThreadId);
        Assert.Equal("Why does he wade in?", heard.Thread!.Comments[0].Text);
        var listed = Assert.Single(await Comments.ListAsync(owner, script));
        Assert.Equal(thread.Id, listed.Id);
        Assert.Equal("commenter", listed.Comments[0].AuthorName);
    }

    [Fact]
    public async Task A_reader_reads_the_threads_but_cannot_comment_reply_or_resolve()
    {
        var (script, owner, action) = await ScriptAsync();
        var reader = await MemberAsync(script, ScriptRole.Reader);
        var thread = await Comments.AddAsync(owner, script, action, "Tighten this.");

        Assert.Single(await Comments.ListAsync(reader, script));
        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.AddAsync(reader, script, action, "Me too"));
        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.ReplyAsync(reader, script, thread.Id, "Me too"));
        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.SetResolvedAsync(reader, script, thread.Id, true));
        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.DeleteAsync(reader, script, thread.Id));
        Assert.Equal(1, await StoredCommentsAsync());
        Assert.False(Assert.Single(await Comments.ListAsync(owner, script)).Resolved);
    }

    [Fact]
    public async Task A_stranger_gets_not_found_whatever_ids_they_send()
    {
        var (script, owner, action) = await ScriptAsync();
        var thread = await Comments.AddAsync(owner, script, action, "Note.");
        var stranger = await host.CreateUserAsync("stranger");

        await Assert.ThrowsAsync<ScriptNotFoundException>(() => Comments.ListAsync(stranger, script));
        await Assert.ThrowsAsync<ScriptNotFoundException>(() => Comments.AddAsync(stranger, script, action, "Hi"));
        await Assert.ThrowsAsync<ScriptNotFoundException>(() => Comments.ReplyAsync(stranger, script, thread.Id, "Hi"));
        await Assert.ThrowsAsync<ScriptNotFoundException>(() => Comments.DeleteAsync(stranger, script, thread.Id));
        Assert.Equal(1, await StoredCommentsAsync());
    }

    [Fact]
    public async Task A_paragraph_or_thread_forged_from_another_script_is_refused()
    {
        var (mine, me, _) = await ScriptAsync();
        var (theirs, them, theirAction) = await ScriptAsync();
        var theirThread = await Comments.AddAsync(them, theirs, theirAction, "Private note.");
        // I am a writer on my script and nothing on theirs: their ids sent with my script's id must not reach them.

        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.AddAsync(me, mine, theirAction, "Forged"));
        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.AddAsync(me, mine, Guid.NewGuid(), "Unknown"));
        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.ReplyAsync(me, mine, theirThread.Id, "Forged"));
        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.SetResolvedAsync(me, mine, theirThread.Id, true));
        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.DeleteAsync(me, mine, theirThread.Id));

        var still = Assert.Single(await Comments.ListAsync(them, theirs));
        Assert.False(still.Resolved);
        Assert.Single(still.Comments);
        Assert.Empty(await Comments.ListAsync(me, mine));
    }

    [Fact]
    public async Task A_thread_is_answered_resolved_and_reopened_by_an_answer()
    {
        var (script, owner, action) = await ScriptAsync();
        var commenter = await MemberAsync(script, ScriptRole.Commenter);
        var thread = await Comments.AddAsync(owner, script, action, "Is the river cold?");

        await Comments.ReplyAsync(commenter, script, thread.Id, "Freezing.");
        var resolved = await Comments.SetResolvedAsync(commenter, script, thread.Id, true);
        Assert.True(resolved.Resolved);
        Assert.Equal("commenter", resolved.ResolvedByName);
        Assert.Equal(["Is the river cold?", "Freezing."], resolved.Comments.Select(c => c.Text));

        var reopened = await Comments.SetResolvedAsync(owner, script, thread.Id, false);
        Assert.False(reopened.Resolved);
        await Comments.SetResolvedAsync(owner, script, thread.Id, true);
        var answered = await Comments.ReplyAsync(owner, script, thread.Id, "Actually, one more thing.");
        Assert.False(answered.Resolved);
        Assert.Equal(3, answered.Comments.Count);
    }

    [Fact]
    public async Task Only_the_author_or_an_owner_deletes_and_a_thread_goes_with_its_first_comment()
    {
        var (script, owner, action) = await ScriptAsync();
        var a = await MemberAsync(script, ScriptRole.Commenter);
        var b = await MemberAsync(script, ScriptRole.Writer);
        var thread = await Comments.AddAsync(a, script, action, "First.");
        var withReply = await Comments.ReplyAsync(b, script, thread.Id, "Reply.");

        await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.DeleteAsync(b, script, thread.Id));
        await Comments.DeleteAsync(b, script, withReply.Comments[1].Id);
        Assert.Single(Assert.Single(await Comments.ListAsync(owner, script)).Comments);

        var watcher = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, a, "A", watcher);
        await Comments.DeleteAsync(owner, script, thread.Id);
        Assert.Empty(await Comments.ListAsync(owner, script));
        Assert.Equal(0, await StoredCommentsAsync());
        var heard = Assert.IsType<CommentThreadChanged>(Assert.Single(watcher.Events));
        Assert.Null(heard.Thread);
    }

    [Fact]
    public async Task Empty_or_oversized_comments_are_refused_with_a_reason()
    {
        var (script, owner, action) = await ScriptAsync();
        var empty = await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.AddAsync(owner, script, action, "   "));
        Assert.Contains("text", empty.Message);
        var large = await Assert.ThrowsAsync<RequestRejectedException>(() => Comments.AddAsync(owner, script, action, new string('x', CommentService.MaxLength + 1)));
        Assert.Contains("4,000", large.Message);
        Assert.Equal(0, await StoredCommentsAsync());
    }

    [Fact]
    public async Task A_comment_can_be_made_on_a_paragraph_just_typed_and_outlives_its_deletion_until_a_restore_brings_it_back()
    {
        var (script, owner, action) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        var history = host.Host.Services.GetRequiredService<HistoryService>();
        var fresh = Guid.NewGuid();
        var insert = EditOp.Insert(fresh, action, Core.Screenplay.ElementType.Action, "He swims.");
        await editor.SubmitAsync([insert]);
        // Not committed yet, perhaps: the live session knows the paragraph, and that is what counts.
        var thread = await Comments.AddAsync(owner, script, fresh, "New line: keep?");
        await client.WaitCommittedAsync(insert.OpId);
        var saved = await history.CreateNamedAsync(owner, script, "With the swim");

        var delete = EditOp.Delete(fresh);
        await editor.SubmitAsync([delete]);
        await client.WaitCommittedAsync(delete.OpId);
        var orphan = Assert.Single(await Comments.ListAsync(owner, script));
        Assert.True(orphan.ParagraphDeleted);

        await history.RestoreAsync(owner, script, saved);
        var back = Assert.Single(await Comments.ListAsync(owner, script));
        Assert.Equal(thread.Id, back.Id);
        Assert.False(back.ParagraphDeleted);
        Assert.Equal("He swims.", back.Excerpt);
    }
}
