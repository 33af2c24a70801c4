using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Options;

namespace WritersRoom.Web.Observability.Database;

/// <summary>
/// Times every EF command (EF measures it; we only read <c>Duration</c>) and lists those at or above
/// <see cref="ObservabilityOptions.SlowQueryMs"/> by their normalised SQL. Failed commands count too: a query
/// cancelled by a timeout is the slowest kind.
/// </summary>
public sealed class SlowQueryInterceptor(SlowQueryLog log, DatabaseMetrics metrics, IOptionsMonitor<ObservabilityOptions> options)
    : DbCommandInterceptor
{
    private void Observe(DbCommand command, TimeSpan duration)
    {
        var slow = duration.TotalMilliseconds >= options.CurrentValue.SlowQueryMs;
        metrics.CommandExecuted(duration, slow);
        if (slow) log.Record(SqlNormalizer.Normalize(command.CommandText), duration.TotalMilliseconds);
    }

    public override DbDataReader ReaderExecuted(DbCommand command, CommandExecutedEventData eventData, DbDataReader result)
    {
        Observe(command, eventData.Duration);
        return result;
    }

    public override ValueTask<DbDataReader> ReaderExecutedAsync(DbCommand command, CommandExecutedEventData eventData,
        DbDataReader result, CancellationToken cancellationToken = default)
    {
        Observe(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
    {
        Observe(command, eventData.Duration);
        return result;
    }

    public override ValueTask<int> NonQueryExecutedAsync(DbCommand command, CommandExecutedEventData eventData, int result,
        CancellationToken cancellationToken = default)
    {
        Observe(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
    {
        Observe(command, eventData.Duration);
        return result;
    }

    public override ValueTask<object?> ScalarExecutedAsync(DbCommand command, CommandExecutedEventData eventData, object? result,
        CancellationToken cancellationToken = default)
    {
        Observe(command, eventData.Duration);
        return ValueTask.FromResult(result);
    }

    public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Observe(command, eventData.Duration);

    public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Observe(command, eventData.Duration);
        return Task.CompletedTask;
    }
}
