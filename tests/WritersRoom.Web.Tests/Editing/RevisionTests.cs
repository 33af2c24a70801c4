// Each call here is short and bounded; the host (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Core.Editing;
using WritersRoom.Core.Fdx;
using WritersRoom.Core.Pdf;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Editing.Revisions;
using WritersRoom.Web.Formats;
using WritersRoom.Web.Tests.Formats;

namespace WritersRoom.Web.Tests.Editing;

/// <summary>Revision mode against the real database: marking, roles, the exports, clearing.</summary>
public sealed class RevisionTests : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n\nEXT. ROAD - NIGHT\n\nA car passes.\n";
    private readonly EditingTestHost host = new();

    public ValueTask InitializeAsync() => host.InitializeAsync();
    public ValueTask DisposeAsync() => host.DisposeAsync();

    private RevisionService Revisions => host.Host.Services.GetRequiredService<RevisionService>();

    private async Task<(Guid Script, string Owner)> ScriptAsync()
    {
        var owner = await host.CreateUserAsync("owner");
        return (await host.ImportAsync(Fountain, owner), owner);
    }

    private static async Task EditAsync(EditorConnection editor, RecordingClient client, Guid block, string text)
    {
        var current = editor.Session.Snapshot().Blocks.Single(b => b.Id == block);
        var op = EditOp.Update(block, current.Version, current.Text, text);
        await editor.SubmitAsync([op]);
        await client.WaitCommittedAsync(op.OpId);
    }

    private async Task<List<Block>> StoredBlocksAsync(Guid script)
    {
        await using var db = await host.DbAsync();
        return await db.Blocks.AsNoTracking().Where(b => b.ScriptId == script).ToListAsync();
    }

    [Fact]
    public async Task In_revision_mode_changed_paragraphs_carry_the_colour_to_other_writers_and_the_database()
    {
        var (script, owner) = await ScriptAsync();
        var writer = await host.CreateUserAsync("writer");
        await host.AddMemberAsync(script, writer, ScriptRole.Writer);
        var client = new RecordingClient();
        var other = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        using var otherEditor = await host.Editor.OpenAsync(script, writer, "Writer", other);
        var blocks = editor.Snapshot.Blocks;
        await EditAsync(editor, client, blocks[3].Id, "Dad? Before.");

        await Revisions.SetAsync(writer, script, true, "pink");
        Assert.Contains(client.Events, e => e is RevisionChanged { On: true, Color: "Pink" });
        await EditAsync(editor, client, blocks[1].Id, "Edward wades in, slowly.");
        var inserted = EditOp.Insert(Guid.NewGuid(), blocks[1].Id, Core.Screenplay.ElementType.Action, "New line.");
        await editor.SubmitAsync([inserted]);
        await client.WaitCommittedAsync(inserted.OpId);

        var heard = other.Updates.Select(u => u.Update).Last(u => u.Blocks.Any(b => b.Id == blocks[1].Id));
        Assert.Equal("Pink", heard.Blocks.Single(b => b.Id == blocks[1].Id).RevisionColor);
        var stored = await StoredBlocksAsync(script);
        Assert.Equal("Pink", stored.Single(b => b.Id == blocks[1].Id).RevisionColor);
        Assert.Equal("Pink", stored.Single(b => b.Id == inserted.BlockId).RevisionColor);
        Assert.Null(stored.Single(b => b.Id == blocks[3].Id).RevisionColor); // changed before revision mode
        Assert.Null(stored.Single(b => b.Id == blocks[5].Id).RevisionColor);
        await using var db = await host.DbAsync();
        var row = await db.Scripts.SingleAsync(s => s.Id == script);
        Assert.Equal((true, "Pink"), (row.RevisionMode, row.RevisionColor));

        await Revisions.SetAsync(owner, script, false, null);
        await EditAsync(editor, client, blocks[5].Id, "A truck passes.");
        Assert.Null((await StoredBlocksAsync(script)).Single(b => b.Id == blocks[5].Id).RevisionColor);
    }

    [Fact]
    public async Task Revision_mode_survives_a_reload_of_the_session()
    {
        var (script, owner) = await ScriptAsync();
        await Revisions.SetAsync(owner, script, true, "Yellow");
        await host.Registry.UnloadAsync(script);

        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        Assert.Equal((true, "Yellow"), editor.Session.Revision);
        await EditAsync(editor, client, editor.Snapshot.Blocks[1].Id, "Changed.");
        Assert.Equal("Yellow", editor.Session.Snapshot().Blocks[1].RevisionColor);
    }

    [Fact]
    public async Task Only_writers_switch_revision_mode_and_only_to_a_colour_of_the_cycle()
    {
        var (script, owner) = await ScriptAsync();
        var commenter = await host.CreateUserAsync("commenter");
        await host.AddMemberAsync(script, commenter, ScriptRole.Commenter);
        var stranger = await host.CreateUserAsync("stranger");

        await Assert.ThrowsAsync<RequestRejectedException>(() => Revisions.SetAsync(commenter, script, true, "Blue"));
        await Assert.ThrowsAsync<Web.Scripts.ScriptNotFoundException>(() => Revisions.SetAsync(stranger, script, true, "Blue"));
        var unknown = await Assert.ThrowsAsync<RequestRejectedException>(() => Revisions.SetAsync(owner, script, true, "Mauve"));
        Assert.Contains("Goldenrod", unknown.Message);
        await Assert.ThrowsAsync<RequestRejectedException>(() => Revisions.ClearMarksAsync(commenter, script));

        await using var db = await host.DbAsync();
        Assert.False((await db.Scripts.SingleAsync(s => s.Id == script)).RevisionMode);
        Assert.Equal((true, "Blue"), await Revisions.SetAsync(owner, script, true, null));
    }

    [Fact]
    public async Task Marked_paragraphs_reach_the_fdx_and_pdf_exports()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        await Revisions.SetAsync(owner, script, true, "Pink");
        await EditAsync(editor, client, editor.Snapshot.Blocks[1].Id, "Edward wades in, revised.");

        var screenplay = (await new ScriptDocumentLoader(host.Database.Factory).LoadAsync(script))!.ToScreenplay();
        var fdx = FdxWriter.Write(screenplay);
        Assert.Contains("Name=\"Pink Rev.\"", fdx);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(fdx, "RevisionID=\"1\""));

        using var pdf = new MemoryStream();
        new PdfRenderer(new ScriptFonts()).Render(screenplay, new PdfLayoutOptions(), pdf, TestContext.Current.CancellationToken);
        var page = PdfText.Pages(pdf.ToArray())[1];
        Assert.Contains(page, l => l.Text == "Pink Revision");
        // The asterisk sits in the right margin, on the changed paragraph's line only.
        var marked = Assert.Single(page, l => l.Text.EndsWith('*'));
        Assert.StartsWith("Edward wades in, revised.", marked.Text);
    }

    [Fact]
    public async Task Clearing_the_marks_removes_every_colour_after_a_snapshot_of_the_marked_script()
    {
        var (script, owner) = await ScriptAsync();
        var client = new RecordingClient();
        using var editor = await host.Editor.OpenAsync(script, owner, "Owner", client);
        await Revisions.SetAsync(owner, script, true, "Blue");
        await EditAsync(editor, client, editor.Snapshot.Blocks[1].Id, "Marked.");

        var before = await Revisions.ClearMarksAsync(owner, script);

        Assert.All(editor.Session.Snapshot().Blocks, b => Assert.Null(b.RevisionColor));
        Assert.Contains(client.Updates, u => u.Update.Resync && u.Update.Blocks.All(b => b.RevisionColor is null));
        for (var i = 0; i < 500 && editor.Session.HasPendingWrites; i++) await Task.Delay(10);
        Assert.All(await StoredBlocksAsync(script), b => Assert.Null(b.RevisionColor));
        await using var db = await host.DbAsync();
        var snapshot = await db.Snapshots.SingleAsync(s => s.Id == before);
        Assert.Contains("\"Blue\"", snapshot.Content);
    }
}
