using Microsoft.Extensions.Options;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Bible;
using WritersRoom.Data.Bible;

namespace WritersRoom.Web.Jobs.Cast;

/// <summary>
/// Drafts sheets for the main characters whose presence in the script changed since their last draft. Drafts wait
/// beside the approved sheet for the writer; a failure ends the run (the next run tries again), so a provider
/// that is down is asked once per run.
/// </summary>
public sealed class SheetDrafter(DraftStore drafts, CastStore cast, SheetWriter writer, AiProviderInfo ai,
    IOptions<JobsOptions> options, TimeProvider time, ILogger<SheetDrafter> logger) : IBackgroundWork
{
    private const int CharactersPerRun = 50;

    public async Task<WorkResult> RunAsync(CancellationToken ct)
    {
        var candidates = await drafts.SheetsToDraftAsync(options.Value.MainCharacters, CharactersPerRun, ct);
        var done = 0;
        foreach (var script in candidates.GroupBy(c => c.ScriptId))
        {
            // One read of the script per run, shared by its characters; no connection is held while a model writes.
            var scenes = await cast.LoadScenesAsync(script.Key, ct);
            var detected = CastDetector.Detect(scenes);
            var summaries = ai.IsOffline ? null : await drafts.SummariesAsync(script.Key, ct);
            foreach (var candidate in script)
            {
                // The text moved on since the cast job counted; it recounts, and the changed presence brings it back here.
                if (detected.Characters.FirstOrDefault(c => c.Name == candidate.Name) is not { } character) continue;
                string draft;
                try
                {
                    draft = await writer.DraftAsync(character, detected.Characters, scenes, summaries, ct);
                }
                catch (Exception e) when (!ct.IsCancellationRequested)
                {
                    logger.LogWarning(e, "Drafting the sheet of {Character} failed", candidate.Name);
                    return new WorkResult(done, 1, $"Sheet of {candidate.Name}: {e.Message}");
                }
                if (await drafts.SaveSheetDraftAsync(candidate.CharacterId, candidate.Fingerprint, draft, time.GetUtcNow(), ct)) done++;
            }
        }
        return new WorkResult(done);
    }
}
