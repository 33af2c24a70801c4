using Bunit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.TestSupport;
using WritersRoom.Web.Components.Editor;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Jobs.Scenes;
using WritersRoom.Web.Tests.Jobs;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Editor;

public sealed class SceneNavigatorReadingTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_navigator_marks_the_scenes_the_assistant_has_not_read_and_those_it_failed_to_read()
    {
        var ct = TestContext.Current.CancellationToken;
        var clock = new TestClock(DateTimeOffset.UtcNow.AddMinutes(1));
        var embedder = new FlakyEmbeddingGenerator();
        using var host = JobsTestHost.Build(database, clock, s => s.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(embedder));
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(3), "navigator");
        var refresher = host.Services.GetRequiredService<SceneRefresher>();
        await refresher.RunAsync(ct);
        List<Guid> scenes;
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
            scenes = await db.Scenes.Where(s => s.ScriptId == scriptId).OrderBy(s => s.Rank).Select(s => s.Id).ToListAsync(ct);

        // Scene 2 is edited while the provider is down (read, failed); scene 3 is edited after that run (not read yet).
        await JobsTestHost.EditSceneAsync(database, scenes[1], "Will waits at the river.", clock.Now);
        clock.Advance(TimeSpan.FromMinutes(1));
        embedder.Failing = true;
        await refresher.RunAsync(ct);
        await JobsTestHost.EditSceneAsync(database, scenes[2], "Sandra plants daffodils.", clock.Now);

        await using var context = MudTestContext.Create();
        context.Services.AddSingleton(host.Services.GetRequiredService<AssistantReading>());
        context.Services.AddLogging();
        var outline = scenes.Select((id, i) => new SceneOutline(id, (i + 1).ToString(), $"INT. ROOM {i + 1} - DAY", "", 1, null)).ToList();
        var nav = context.Render<SceneNavigator>(p => p.Add(n => n.Outline, outline).Add(n => n.ScriptId, scriptId));

        nav.WaitForAssertion(() => Assert.Equal(2, nav.FindAll("[data-testid=scene-nav-unread]").Count));
        string? Mark(int i) => nav.Find($"[data-testid=scene-nav-item][data-scene-id='{scenes[i]}']").QuerySelector("[data-testid=scene-nav-unread]")?.GetAttribute("data-failed");
        Assert.Equal((null, "true", "false"), (Mark(0), Mark(1), Mark(2)));
        Assert.Contains("provider unavailable", nav.Find($"[data-scene-id='{scenes[1]}'] [data-testid=scene-nav-unread]").GetAttribute("title"));
    }
}
