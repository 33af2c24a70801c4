using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WritersRoom.TestSupport;
using WritersRoom.Web.Jobs.Scenes;

namespace WritersRoom.Web.Tests.Jobs;

public sealed class SchedulerTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    [Fact]
    public async Task The_Quartz_trigger_runs_the_scene_job_and_records_the_run()
    {
        var ct = TestContext.Current.CancellationToken;
        var scriptId = await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(3), "scheduled");
        using var host = JobsTestHost.Build(database, null, null,
            ("Jobs:SchedulerEnabled", "true"), ("Jobs:Debounce", "00:00:00"), ("Jobs:SceneInterval", "00:00:00.300"));
        await host.StartAsync(ct);
        var reading = host.Services.GetRequiredService<AssistantReading>();

        var deadline = DateTime.UtcNow.AddSeconds(20);
        while ((await reading.StaleSceneIds(scriptId, ct)).Count > 0 && DateTime.UtcNow < deadline)
            await Task.Delay(100, ct);
        await host.StopAsync(ct);

        Assert.Empty(await reading.StaleSceneIds(scriptId, ct));
        await using var db = await database.Factory.CreateDbContextAsync(ct);
        var run = await db.JobRuns.Where(r => r.Job == SceneRefreshJob.Key.Name && r.ItemsDone > 0).FirstOrDefaultAsync(ct);
        Assert.NotNull(run);
        Assert.Equal(0, run.Failures);
    }
}
