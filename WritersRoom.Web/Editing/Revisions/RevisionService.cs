using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Screenplay;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Web.Editing.History;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Editing.Revisions;

/// <summary>
/// Revision mode: while it is on, every paragraph a writer changes is marked with the script's current revision
/// colour (kept on the block, printed by the PDF and FDX exports as the asterisk in the margin). Writers and owners
/// switch it; the setting is stored on the script and told to every editor through the live session.
/// </summary>
public sealed class RevisionService(ScriptAccess access, ScriptSessionRegistry registry, IDbContextFactory<WritersRoomDbContext> factory,
    ILogger<RevisionService> log)
{
    /// <summary>Turns revision mode on or off; <paramref name="color"/> null keeps the current colour (Blue for a first revision).</summary>
    public async Task<(bool On, string? Color)> SetAsync(string userId, Guid scriptId, bool on, string? color, CancellationToken ct = default)
    {
        await RequireWriterAsync(userId, scriptId, ct);
        var session = await registry.GetAsync(scriptId, ct) ?? throw new ScriptNotFoundException(scriptId);
        string? chosen;
        if (color is null) chosen = session.Revision.Color ?? RevisionColors.Cycle[0];
        else chosen = RevisionColors.InCycle(color)
            ?? throw new RequestRejectedException($"“{color}” is not a revision colour ({string.Join(", ", RevisionColors.Cycle)}).");

        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            await db.Scripts.Where(s => s.Id == scriptId)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.RevisionMode, on).SetProperty(s => s.RevisionColor, chosen), ct);
        }
        session.SetRevision(on, chosen);
        log.LogInformation("{UserId} set revision mode {On} ({Color}) on script {ScriptId}", userId, on, chosen, scriptId);
        return (on, chosen);
    }

    /// <summary>Removes every revision mark, after a snapshot of the marked script; returns that snapshot's id.</summary>
    public async Task<Guid> ClearMarksAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await RequireWriterAsync(userId, scriptId, ct);
        var session = await registry.GetAsync(scriptId, ct) ?? throw new ScriptNotFoundException(scriptId);
        var before = session.ClearRevisionMarks(userId) ?? throw new InvalidOperationException("History is not configured.");
        return await before.Written.WaitAsync(TimeSpan.FromSeconds(30), ct);
    }

    private async Task RequireWriterAsync(string userId, Guid scriptId, CancellationToken ct)
    {
        try
        {
            await access.RequireAsync(userId, scriptId, ScriptRole.Writer, ct);
        }
        catch (ScriptAccessDeniedException)
        {
            log.LogWarning("Refused a revision-mode change from {UserId} on script {ScriptId}: not a writer", userId, scriptId);
            throw new RequestRejectedException("Only the script's writers and owners can change revision mode.");
        }
    }
}
