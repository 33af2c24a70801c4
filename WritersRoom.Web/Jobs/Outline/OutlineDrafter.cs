using Microsoft.Extensions.Options;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Outline;

/// <summary>
/// Drafts an act/sequence/beat outline from the scene summaries, with beats linked to their scenes: once by itself
/// when a script has been summarised and has no outline, then whenever a writer asks. The draft waits, pending,
/// beside the approved outline; only the writer's approval replaces it.
/// </summary>
public sealed class OutlineDrafter(DraftStore drafts, OutlineWriter writer, IOptions<JobsOptions> options, TimeProvider time,
    ILogger<OutlineDrafter> logger) : IBackgroundWork
{
    private const int ScriptsPerRun = 10;

    public async Task<WorkResult> RunAsync(CancellationToken ct)
    {
        var scripts = await drafts.ScriptsToOutlineAsync(time.GetUtcNow() - options.Value.Debounce, ScriptsPerRun, ct);
        var done = 0;
        foreach (var (scriptId, draftedAt) in scripts)
        {
            var scenes = await drafts.SynopsesAsync(scriptId, ct);
            IReadOnlyList<Core.Bible.DraftAct> acts;
            try
            {
                acts = await writer.DraftAsync(scenes, ct);
            }
            catch (Exception e) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(e, "Drafting the outline of script {Script} failed", scriptId);
                return new WorkResult(done, 1, "Outline: " + e.Message);
            }
            if (await drafts.SaveOutlineDraftAsync(scriptId, draftedAt, acts, time.GetUtcNow(), ct)) done++;
        }
        return new WorkResult(done);
    }
}
