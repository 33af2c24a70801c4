using WritersRoom.Core.History;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Data.History;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Editing.History;

/// <summary>Two versions compared, with what to call each of them.</summary>
public sealed record VersionComparison(string OlderLabel, string NewerLabel, ScriptComparison Comparison);

/// <summary>
/// A script's history: the list of snapshots, named versions, restore and comparison. Members may look and compare;
/// writers and owners create and restore. Snapshot ids are looked up within the script, so one forged from another
/// script is "not found". A restore is an edit of the live session (every attached writer sees it at once) and the
/// script as it was is snapshotted first, so a restore can itself be undone by restoring that.
/// </summary>
public sealed class HistoryService(ScriptAccess access, ScriptSessionRegistry registry, SnapshotStore store, ILogger<HistoryService> log)
{
    public const int MaxNameLength = 120;
    private const int ListLimit = 300;
    private static readonly TimeSpan WriteTimeout = TimeSpan.FromSeconds(30);

    public async Task<IReadOnlyList<SnapshotSummary>> ListAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        return await store.ListAsync(scriptId, ListLimit, ct);
    }

    /// <summary>Saves the script as it is now under a name the writer chose; returns the snapshot's id once stored.</summary>
    public async Task<Guid> CreateNamedAsync(string userId, Guid scriptId, string name, CancellationToken ct = default)
    {
        await RequireWriterAsync(userId, scriptId, "save versions", ct);
        name = (name ?? "").Trim();
        if (name.Length == 0) throw new RequestRejectedException("A version needs a name.");
        if (name.Length > MaxNameLength) throw new RequestRejectedException($"A version's name is at most {MaxNameLength} characters.");
        var pending = await WithSessionAsync(scriptId, s => s.Capture(SnapshotKind.Named, name, userId), ct);
        return await WrittenAsync(pending, ct);
    }

    /// <summary>
    /// Puts a snapshot's text back through the live session; returns the id of the snapshot that holds the script
    /// as it was just before.
    /// </summary>
    public async Task<Guid> RestoreAsync(string userId, Guid scriptId, Guid snapshotId, CancellationToken ct = default)
    {
        await RequireWriterAsync(userId, scriptId, "restore versions", ct);
        var (summary, content) = await LoadAsync(userId, scriptId, snapshotId, ct);
        log.LogInformation("{UserId} restores snapshot {SnapshotId} of script {ScriptId}", userId, snapshotId, scriptId);
        return await ReplaceAsync(userId, scriptId, content, SnapshotKind.BeforeRestore, $"Before restoring “{Label(summary)}”", ct);
    }

    /// <summary>
    /// Replaces the whole script with <paramref name="content"/> (an import over the script, an applied AI rewrite),
    /// after a snapshot of kind "before bulk change" named <paramref name="beforeName"/>; returns that snapshot's id.
    /// </summary>
    public async Task<Guid> ReplaceAsync(string userId, Guid scriptId, ScriptVersion content, string beforeName, CancellationToken ct = default)
    {
        await RequireWriterAsync(userId, scriptId, "replace the script", ct);
        return await ReplaceAsync(userId, scriptId, content, SnapshotKind.BeforeBulkChange, beforeName, ct);
    }

    /// <summary>Scene by scene, <paramref name="olderId"/> against <paramref name="newerId"/> (null: the script as it is now).</summary>
    public async Task<VersionComparison> CompareAsync(string userId, Guid scriptId, Guid olderId, Guid? newerId, CancellationToken ct = default)
    {
        await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        var (olderSummary, older) = await LoadAsync(userId, scriptId, olderId, ct);
        string newerLabel;
        ScriptVersion newer;
        if (newerId is { } id)
        {
            var (newerSummary, content) = await LoadAsync(userId, scriptId, id, ct);
            // Older on the left whatever order they were picked in.
            if (newerSummary.CreatedAt < olderSummary.CreatedAt)
                return new VersionComparison(Label(newerSummary), Label(olderSummary), ScriptComparer.Compare(content, older));
            (newerLabel, newer) = (Label(newerSummary), content);
        }
        else
        {
            newer = await WithSessionAsync(scriptId, s => s.Copy(), ct);
            newerLabel = "Current script";
        }
        return new VersionComparison(Label(olderSummary), newerLabel, ScriptComparer.Compare(older, newer));
    }

    /// <summary>What the history list calls a snapshot.</summary>
    public static string Label(SnapshotSummary s) => s.Name ?? s.Kind switch
    {
        SnapshotKind.Auto => "Automatic save",
        SnapshotKind.BeforeRestore => "Before a restore",
        SnapshotKind.BeforeBulkChange => "Before a large change",
        SnapshotKind.BeforeAiRewrite => "Before an AI rewrite",
        _ => "Version",
    };

    private async Task<Guid> ReplaceAsync(string userId, Guid scriptId, ScriptVersion content, SnapshotKind kind, string beforeName, CancellationToken ct)
    {
        var before = await WithSessionAsync(scriptId, s => s.Replace(content, userId, kind, beforeName), ct);
        return await WrittenAsync(before, ct);
    }

    private async Task<(SnapshotSummary Summary, ScriptVersion Content)> LoadAsync(string userId, Guid scriptId, Guid snapshotId, CancellationToken ct)
    {
        if (await store.GetAsync(scriptId, snapshotId, ct) is not { } found)
        {
            log.LogWarning("{UserId} asked for snapshot {SnapshotId}, which is not in script {ScriptId}", userId, snapshotId, scriptId);
            throw new RequestRejectedException("That version is not in this script's history.");
        }
        try
        {
            return (found.Summary, ScriptVersionJson.Deserialize(found.Content));
        }
        catch (FormatException e)
        {
            log.LogError(e, "Snapshot {SnapshotId} of script {ScriptId} cannot be read", snapshotId, scriptId);
            throw new RequestRejectedException("That version cannot be read; nothing was changed.");
        }
    }

    private async Task RequireWriterAsync(string userId, Guid scriptId, string what, CancellationToken ct)
    {
        try
        {
            await access.RequireAsync(userId, scriptId, ScriptRole.Writer, ct);
        }
        catch (ScriptAccessDeniedException)
        {
            log.LogWarning("Refused to let {UserId} {What} on script {ScriptId}: not a writer", userId, what, scriptId);
            throw new RequestRejectedException($"Only the script's writers and owners can {what}.");
        }
    }

    /// <summary>Runs on the live session, loading it if needed; again if it was unloaded in between.</summary>
    private async Task<T> WithSessionAsync<T>(Guid scriptId, Func<ScriptSession, T> action, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var session = await registry.GetAsync(scriptId, ct) ?? throw new ScriptNotFoundException(scriptId);
            try
            {
                return action(session);
            }
            catch (SessionClosedException) when (attempt < 3)
            {
            }
        }
    }

    private static async Task<Guid> WrittenAsync(PendingSnapshot? pending, CancellationToken ct)
    {
        if (pending is null) throw new InvalidOperationException("History is not configured.");
        try
        {
            return await pending.Written.WaitAsync(WriteTimeout, ct);
        }
        catch (TimeoutException)
        {
            throw new RequestRejectedException("The version is taking long to save; it will appear in the history when it is written.");
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The writer logged the cause; what matters here is what did and did not happen.
            throw new RequestRejectedException(pending.Kind == SnapshotKind.Named
                ? "The version could not be saved; try again in a moment."
                : "Done, but the copy of the script as it was before could not be saved to the history.");
        }
    }
}
