namespace WritersRoom.Web.Editing.History;

/// <summary>When automatic snapshots are taken and how many are kept (section "History").</summary>
public sealed class HistoryOptions
{
    public const string SectionName = "History";

    /// <summary>A snapshot after this many edits since the last one, whatever the time.</summary>
    public int AutoEveryOperations { get; set; } = 500;

    /// <summary>A snapshot once the oldest edit not in any snapshot is this old, while writing goes on.</summary>
    public TimeSpan AutoEvery { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>A snapshot when writers have paused this long with edits not in any snapshot (before the session unloads).</summary>
    public TimeSpan AutoWhenQuietFor { get; set; } = TimeSpan.FromMinutes(2);

    /// <summary>How often the time rules above are looked at.</summary>
    public TimeSpan CheckInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Automatic snapshots (and those taken before bulk changes) kept per script; named ones are always kept.</summary>
    public int KeepAutomatic { get; set; } = 100;

    public bool IsDue(int editsSince, DateTimeOffset? firstEditSince, DateTimeOffset lastActivity, DateTimeOffset now) =>
        editsSince > 0 && (editsSince >= AutoEveryOperations
            || now - firstEditSince >= AutoEvery
            || now - lastActivity >= AutoWhenQuietFor);
}
