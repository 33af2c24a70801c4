using Microsoft.Extensions.Options;
using WritersRoom.Core.Bible;
using WritersRoom.Data.Bible;
using WritersRoom.Web.Bible;

namespace WritersRoom.Web.Jobs.Cast;

/// <summary>
/// Re-detects characters (from cues) and locations (from headings) of scripts whose text changed and has
/// been quiet for the debounce. Pure computation between a read and a write; idempotent by fingerprint.
/// </summary>
public sealed class CastRefresher(CastStore store, GlobalContextCache globalContext, IOptions<JobsOptions> options, TimeProvider time) : IBackgroundWork
{
    private const int ScriptsPerRun = 20;

    public async Task<WorkResult> RunAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var scripts = await store.ScriptsToDetectAsync(now - options.Value.Debounce, ScriptsPerRun, ct);
        foreach (var (scriptId, fingerprint) in scripts)
        {
            var scenes = await store.LoadScenesAsync(scriptId, ct);
            await store.SaveAsync(scriptId, fingerprint, CastDetector.Detect(scenes), time.GetUtcNow(), ct);
            // New counts can change which approved sheets are the main characters' in the assistant's context.
            await globalContext.Invalidate(scriptId, ct);
        }
        return new WorkResult(scripts.Count);
    }
}
