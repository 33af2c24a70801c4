using Npgsql;

namespace WritersRoom.Data;

/// <summary>
/// The database did not answer in time: a command ran past its <c>Command Timeout</c>, a connection could not be
/// opened within <c>Timeout</c>, or the pool had none free for that long. The message says so plainly; what the
/// caller was doing is for it to keep (and to offer again).
/// </summary>
public sealed class DatabaseTimeoutException(string message, Exception inner) : TimeoutException(message, inner)
{
    /// <summary>Wraps <paramref name="inner"/> when it is a database timeout; null otherwise.</summary>
    public static DatabaseTimeoutException? From(Exception inner, NpgsqlDataSource dataSource)
    {
        ArgumentNullException.ThrowIfNull(dataSource);
        if (!DatabaseTimeout.Is(inner)) return null;
        var settings = new NpgsqlConnectionStringBuilder(dataSource.ConnectionString);
        return new DatabaseTimeoutException(
            $"The database did not answer in time (it is allowed {settings.CommandTimeout} s per query).", inner);
    }
}

public static class DatabaseTimeout
{
    /// <summary>
    /// Whether <paramref name="e"/> is the database not answering in time, as opposed to an error in what was asked
    /// or the caller cancelling (a cancelled token is not a timeout).
    /// </summary>
    public static bool Is(Exception e)
    {
        ArgumentNullException.ThrowIfNull(e);
        if (e is OperationCanceledException) return false;
        for (Exception? x = e; x is not null; x = x.InnerException)
        {
            // Npgsql reports its own timeouts (command, connect, pool) as a TimeoutException inside an NpgsqlException;
            // a server-side statement_timeout is query_canceled.
            if (x is TimeoutException or PostgresException { SqlState: PostgresErrorCodes.QueryCanceled }) return true;
        }
        return false;
    }
}
