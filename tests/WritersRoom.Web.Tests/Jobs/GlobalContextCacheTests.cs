using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Data.Entities;
using WritersRoom.TestSupport;
using WritersRoom.Web.Bible;

namespace WritersRoom.Web.Tests.Jobs;

public sealed class GlobalContextCacheTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task Context_is_loaded_once_and_rebuilt_after_an_approved_sheet_and_drafts_never_overwrite_it()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = JobsTestHost.Build(database);
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(2), "cache");
        var character = new Character { ScriptId = scriptId, Name = "WILL", SceneCount = 2, DraftSheet = "Will, a journalist.", DraftStatus = DraftStatus.Pending };
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            db.Characters.Add(character);
            await db.SaveChangesAsync(ct);
        }
        var cache = host.Services.GetRequiredService<GlobalContextCache>();
        var sheets = host.Services.GetRequiredService<CharacterSheets>();

        var first = await Task.WhenAll(cache.Get(scriptId), cache.Get(scriptId), cache.Get(scriptId));
        Assert.Same(first[0], first[2]);
        Assert.Empty(first[0].Characters); // a draft is not context until the writer approves it
        Assert.Equal((1, 2), (cache.Misses, cache.Hits));

        Assert.True(await sheets.ApproveDraft(scriptId, character.Id, ct: ct));
        var rebuilt = await cache.Get(scriptId);
        Assert.Equal([("WILL", "Will, a journalist.")], rebuilt.Characters);
        Assert.Equal(2, cache.Misses);

        // A later draft waits beside the approved sheet; rejecting it leaves the sheet as it was.
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            await db.Characters.Where(c => c.Id == character.Id).ExecuteUpdateAsync(u => u.SetProperty(c => c.DraftSheet, "Will hates fish.").SetProperty(c => c.DraftStatus, DraftStatus.Pending), ct);
        Assert.True(await sheets.RejectDraft(scriptId, character.Id, ct));
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            Assert.Equal("Will, a journalist.", (await db.Characters.SingleAsync(c => c.Id == character.Id, ct)).Sheet);
    }
}
