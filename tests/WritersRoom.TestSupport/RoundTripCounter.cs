using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WritersRoom.TestSupport;

/// <summary>Counts the commands EF sends, so tests can assert "two queries, not one per scene".</summary>
public sealed class RoundTripCounter : DbCommandInterceptor
{
    private int count;
    public int Count => Volatile.Read(ref count);
    public List<string> Commands { get; } = [];

    public void Reset()
    {
        Interlocked.Exchange(ref count, 0);
        lock (Commands) Commands.Clear();
    }

    private void Record(DbCommand command)
    {
        Interlocked.Increment(ref count);
        lock (Commands) Commands.Add(command.CommandText);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return result;
    }

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return ValueTask.FromResult(result);
    }
}
