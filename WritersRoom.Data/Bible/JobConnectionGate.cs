using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace WritersRoom.Data.Bible;

/// <summary>
/// Caps how many pooled connections the background jobs hold at once, so the request path always finds free
/// ones. Jobs take a lease only around database work and give it back before awaiting a model.
/// </summary>
public sealed class JobConnectionGate(NpgsqlDataSource dataSource, IDbContextFactory<WritersRoomDbContext> factory, int maxConnections)
{
    private readonly SemaphoreSlim _slots = new(maxConnections, maxConnections);
    private int _inUse;

    public int MaxConnections { get; } = maxConnections;
    public int InUse => Volatile.Read(ref _inUse);

    public async Task<Lease<NpgsqlConnection>> OpenConnectionAsync(CancellationToken ct)
    {
        await EnterAsync(ct);
        try
        {
            return new Lease<NpgsqlConnection>(await dataSource.OpenConnectionAsync(ct), this);
        }
        catch
        {
            Exit();
            throw;
        }
    }

    public async Task<Lease<WritersRoomDbContext>> CreateContextAsync(CancellationToken ct)
    {
        await EnterAsync(ct);
        try
        {
            return new Lease<WritersRoomDbContext>(await factory.CreateDbContextAsync(ct), this);
        }
        catch
        {
            Exit();
            throw;
        }
    }

    private async Task EnterAsync(CancellationToken ct)
    {
        await _slots.WaitAsync(ct);
        Interlocked.Increment(ref _inUse);
    }

    private void Exit()
    {
        Interlocked.Decrement(ref _inUse);
        _slots.Release();
    }

    /// <summary>A connection or context held under the gate; disposing it returns both.</summary>
    public sealed class Lease<T>(T value, JobConnectionGate gate) : IAsyncDisposable where T : IAsyncDisposable
    {
        private int _disposed;
        public T Value { get; } = value;

        public async ValueTask DisposeAsync()
        {
            if (Interlocked.Exchange(ref _disposed, 1) != 0) return;
            try { await Value.DisposeAsync(); }
            finally { gate.Exit(); }
        }
    }
}
