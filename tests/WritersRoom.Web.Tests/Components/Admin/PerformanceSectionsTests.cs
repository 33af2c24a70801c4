using Bunit;
using WritersRoom.Web.Components.Admin.Performance;
using WritersRoom.Web.Observability;
using WritersRoom.Web.Observability.Metrics;

namespace WritersRoom.Web.Tests.Components.Admin;

public sealed class PerformanceSectionsTests : IDisposable
{
    private readonly BunitContext context = MudTestContext.Create();

    public void Dispose() => context.Dispose();

    [Fact]
    public void Steps_show_as_rows_with_a_chart_and_the_slowest_turn_as_a_waterfall()
    {
        var summary = new HistogramSummary(12, 4, 3, 9, 11, 14);
        // Minutes without samples are gaps (null), as the reader produces them.
        var timeline = new StepTimeline(["10:00", "10:01", "10:02"],
            [new StepLine("access", [null, 0.4, 0.5]), new StepLine("conversation", [2.0, null, 3.0])]);
        var turn = new TurnTimings(Guid.NewGuid(), DateTimeOffset.UtcNow,
            [new StepTiming("access", 0, 0.4), new StepTiming("conversation", 0.4, 3), new StepTiming("generation", 3.4, 800)]);

        var section = context.Render<StepsSection>(p => p
            .Add(s => s.Steps, [new StepRow("access", summary, summary), new StepRow("conversation", summary, summary)])
            .Add(s => s.Timeline, timeline)
            .Add(s => s.SlowestTurns, [turn]));

        Assert.Equal(["access", "conversation"], section.FindAll("[data-step]").Select(r => r.GetAttribute("data-step")));
        Assert.NotEmpty(section.FindAll("svg"));
        var waterfall = section.Find("[data-testid=perf-turn]");
        Assert.Equal(3, waterfall.QuerySelectorAll(".perf-bar").Length);
        Assert.Contains("generation", waterfall.TextContent);
    }

    [Fact]
    public void Without_turns_the_section_says_so()
    {
        var section = context.Render<StepsSection>(p => p
            .Add(s => s.Steps, [])
            .Add(s => s.Timeline, new StepTimeline([], []))
            .Add(s => s.SlowestTurns, []));

        Assert.Contains("No chat turns recorded yet", section.Find("[data-testid=perf-steps]").TextContent);
    }
}
