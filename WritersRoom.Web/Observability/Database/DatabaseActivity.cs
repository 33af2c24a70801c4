namespace WritersRoom.Web.Observability.Database;

/// <summary>What the database itself says, read on demand: sessions, lock waits, tables read by sequential scans.</summary>
public sealed record DatabaseActivity(
    DateTimeOffset At,
    string ServerVersion,
    string? VectorVersion,
    int ActiveSessions,
    int IdleSessions,
    IReadOnlyList<SessionActivity> Sessions,
    IReadOnlyList<LockWait> LockWaits,
    IReadOnlyList<TableScans> SeqScans,
    string? Error = null)
{
    public static DatabaseActivity Failed(DateTimeOffset at, string error) => new(at, "", null, 0, 0, [], [], [], error);
}

public sealed record SessionActivity(int Pid, string State, string? WaitEventType, string? WaitEvent, double RunningMs, string Query);

public sealed record LockWait(int Pid, int[] BlockedBy, double WaitingMs, string Query);

/// <param name="SeqScansSinceLast">Growth since the previous snapshot: a big table scanned often wants an index.</param>
public sealed record TableScans(string Table, long SeqScans, long SeqRowsRead, long IndexScans, long LiveRows, long SeqScansSinceLast)
{
    public bool NeedsIndexHint => SeqScansSinceLast > 0 && LiveRows >= 1000;
}
