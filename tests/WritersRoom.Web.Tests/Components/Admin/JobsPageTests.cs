using Bunit;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Quartz;
using WritersRoom.TestSupport;
using WritersRoom.Web.Accounts;
using WritersRoom.Web.Components.Admin.Jobs;
using WritersRoom.Web.Jobs;
using WritersRoom.Web.Jobs.Scenes;
using WritersRoom.Web.Tests.Jobs;
using TestContext = Xunit.TestContext;

namespace WritersRoom.Web.Tests.Components.Admin;

public sealed class JobsPageTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private static readonly string[] AllJobs =
        ["scene-summaries-embeddings", "characters-locations", "character-sheets", "outline", "conversation-titles", "conversation-summaries"];

    private async Task<string> UserAsync(bool admin)
    {
        var id = await JobsTestHost.CreateUserAsync(database, $"{Guid.NewGuid():N}@example.com");
        await using var db = await database.Factory.CreateDbContextAsync();
        var name = admin ? Roles.Admin : Roles.Writer;
        var role = await db.Roles.FirstOrDefaultAsync(r => r.Name == name);
        if (role is null) db.Roles.Add(role = new IdentityRole(name) { NormalizedName = name.ToUpperInvariant() });
        db.UserRoles.Add(new IdentityUserRole<string> { UserId = id, RoleId = role.Id });
        await db.SaveChangesAsync();
        return id;
    }

    private static BunitContext Create(TestDatabase database, string userId, Microsoft.Extensions.Hosting.IHost host)
    {
        var context = PageServices.Create(database, userId);
        context.Services.AddSingleton(host.Services.GetRequiredService<JobControl>());
        // Not interactive: the page's 10-second refresh loop stays off; the test refreshes by hand.
        context.Renderer.SetRendererInfo(new Microsoft.AspNetCore.Components.RendererInfo("Server", false));
        return context;
    }

    [Fact]
    public async Task An_admin_sees_every_job_with_its_queue_and_the_re_embed_progress_and_runs_pauses_and_resumes_a_job()
    {
        var ct = TestContext.Current.CancellationToken;
        // Long intervals: nothing fires by itself during the test, so a run can only come from "Run now".
        using var host = JobsTestHost.Build(database, null, null, ("Jobs:SceneInterval", "01:00:00"), ("Jobs:CastInterval", "01:00:00"),
            ("Jobs:SheetInterval", "01:00:00"), ("Jobs:OutlineInterval", "01:00:00"), ("Jobs:ConversationInterval", "01:00:00"), ("Jobs:Debounce", "00:00:00"));
        var scheduler = await host.Services.GetRequiredService<ISchedulerFactory>().GetScheduler(ct);
        await scheduler.Start(ct);
        await JobsTestHost.ImportAsync(database, JobsTestHost.SmallScript(4), "queued");
        var admin = await UserAsync(admin: true);
        await using var context = Create(database, admin, host);

        var page = context.Render<JobsPage>();
        page.WaitForElement("[data-testid=job-row]");

        Assert.Equal(AllJobs.Order(), page.FindAll("[data-testid=job-row]").Select(r => r.GetAttribute("data-job")!).Order());
        var scenes = page.Find("[data-testid=job-row][data-job=scene-summaries-embeddings]");
        Assert.Equal("4", scenes.QuerySelector("[data-testid=job-pending]")!.TextContent.Trim());
        Assert.Equal("normal", scenes.GetAttribute("data-state"));
        Assert.Equal(("0", "4"), (page.Find("[data-testid=jobs-reembed]").GetAttribute("data-embedded"), page.Find("[data-testid=jobs-reembed]").GetAttribute("data-total")));

        page.Find("[data-testid=job-row][data-job=scene-summaries-embeddings] [data-testid=job-pause]").Click();
        page.WaitForAssertion(() => Assert.Equal("paused", page.Find("[data-testid=job-row][data-job=scene-summaries-embeddings]").GetAttribute("data-state")));
        Assert.Equal(TriggerState.Paused, await scheduler.GetTriggerState(JobControl.TriggerKeyOf(JobCatalog.All.Single(j => j.Key.Equals(SceneRefreshJob.Key))), ct));
        page.Find("[data-testid=job-row][data-job=scene-summaries-embeddings] [data-testid=job-resume]").Click();
        page.WaitForAssertion(() => Assert.Equal("normal", page.Find("[data-testid=job-row][data-job=scene-summaries-embeddings]").GetAttribute("data-state")));

        page.Find("[data-testid=job-row][data-job=scene-summaries-embeddings] [data-testid=job-run-now]").Click();
        // The run is recorded when it ends, but on a loaded machine the page may read between the scenes' write and that
        // record: refresh until the page shows the queue empty (the page itself refreshes only when asked).
        var deadline = DateTime.UtcNow.AddSeconds(30);
        bool Done() =>
            page.Find("[data-testid=job-row][data-job=scene-summaries-embeddings] [data-testid=job-pending]").TextContent.Trim() == "0"
            && page.Find("[data-testid=jobs-reembed]").GetAttribute("data-embedded") == "4";
        while (DateTime.UtcNow < deadline)
        {
            page.Find("[data-testid=jobs-refresh]").Click();
            try
            {
                page.WaitForAssertion(() => Assert.True(Done()), TimeSpan.FromSeconds(2));
                break;
            }
            catch (Bunit.Extensions.WaitForHelpers.WaitForFailedException)
            {
                await Task.Delay(200, ct);
            }
        }
        Assert.Equal("0", page.Find("[data-testid=job-row][data-job=scene-summaries-embeddings] [data-testid=job-pending]").TextContent.Trim());
        Assert.Equal("4", page.Find("[data-testid=jobs-reembed]").GetAttribute("data-embedded"));
        await scheduler.Shutdown(true, ct);
    }

    [Fact]
    public async Task A_failed_run_shows_its_error_and_a_writer_gets_not_found_from_the_service_itself()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = JobsTestHost.Build(database);
        await using (var db = await database.Factory.CreateDbContextAsync(ct))
        {
            db.JobRuns.Add(new Data.Entities.JobRun { Job = "outline", StartedAt = DateTimeOffset.UtcNow.AddMinutes(-1), DurationMs = 12, Failures = 1, Error = "Outline: provider unavailable" });
            db.JobRuns.Add(new Data.Entities.JobRun { Job = "outline", StartedAt = DateTimeOffset.UtcNow, DurationMs = 3, ItemsDone = 0 });
            await db.SaveChangesAsync(ct);
        }
        var admin = await UserAsync(admin: true);
        var writer = await UserAsync(admin: false);

        await using (var context = Create(database, admin, host))
        {
            var page = context.Render<JobsPage>();
            page.WaitForElement("[data-testid=job-row][data-job=outline]");
            Assert.Contains("Outline: provider unavailable", page.Find("[data-testid=job-row][data-job=outline] [data-testid=job-last-error]").TextContent);
        }

        await using (var context = Create(database, writer, host))
        {
            var page = context.Render<JobsPage>();
            page.WaitForElement("[data-testid=not-found]");
            Assert.Empty(page.FindAll("[data-testid=job-row]"));
            await Assert.ThrowsAsync<UnauthorizedAccessException>(() =>
                host.Services.GetRequiredService<JobControl>().PauseAsync(Principal(writer), SceneRefreshJob.Key, ct));
        }
    }

    private static System.Security.Claims.ClaimsPrincipal Principal(string userId) =>
        new(new System.Security.Claims.ClaimsIdentity([new System.Security.Claims.Claim(System.Security.Claims.ClaimTypes.NameIdentifier, userId)], "test"));
}
