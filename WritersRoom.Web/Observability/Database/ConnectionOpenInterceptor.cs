using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WritersRoom.Web.Observability.Database;

/// <summary>
/// Records how long each EF connection open took. With a warm pool that is microseconds; when it grows, requests
/// are queueing for a connection (the first incident's 73-second INSERT was mostly this wait).
/// </summary>
public sealed class ConnectionOpenInterceptor(DatabaseMetrics metrics) : DbConnectionInterceptor
{
    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) =>
        metrics.ConnectionOpened(eventData.Duration);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData,
        CancellationToken cancellationToken = default)
    {
        metrics.ConnectionOpened(eventData.Duration);
        return Task.CompletedTask;
    }
}
