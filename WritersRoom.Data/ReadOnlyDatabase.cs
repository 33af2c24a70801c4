using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WritersRoom.Data;

/// <summary>
/// Where retrieval and reports read: a streaming replica (<c>ConnectionStrings:WritersRoomReadOnly</c>) with its own
/// pool and context factory, or, when none is configured, the primary's. What it reads may lag the primary by the
/// replication delay, so it serves reads that tolerate that (search, reports), never membership checks or the live
/// script an editor loads.
/// </summary>
public sealed class ReadOnlyDatabase : IAsyncDisposable
{
    private ReadOnlyDatabase(NpgsqlDataSource dataSource, IDbContextFactory<WritersRoomDbContext> factory, bool isReplica)
    {
        DataSource = dataSource;
        Factory = factory;
        IsReplica = isReplica;
    }

    public NpgsqlDataSource DataSource { get; }
    public IDbContextFactory<WritersRoomDbContext> Factory { get; }

    /// <summary>True when reads go to a separate (replica) connection string.</summary>
    public bool IsReplica { get; }

    public static ReadOnlyDatabase Primary(NpgsqlDataSource dataSource, IDbContextFactory<WritersRoomDbContext> factory) =>
        new(dataSource, factory, false);

    public static ReadOnlyDatabase Replica(NpgsqlDataSource dataSource, IDbContextFactory<WritersRoomDbContext> factory) =>
        new(dataSource, factory, true);

    /// <summary>Closes the replica's pool; the primary's belongs to the container.</summary>
    public ValueTask DisposeAsync() => IsReplica ? DataSource.DisposeAsync() : ValueTask.CompletedTask;
}
