using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WritersRoom.Data;
using Xunit;

namespace WritersRoom.TestSupport;

/// <summary>
/// A fresh database on the shared test cluster for one test class, migrated like production, dropped afterwards.
/// Databases come from template1, which the set-up gives the vector extension.
/// </summary>
public sealed class TestDatabase : IAsyncLifetime
{
    public string Name { get; } = "wr_test_" + Guid.NewGuid().ToString("N")[..12];
    public string ConnectionString { get; private set; } = "";
    public NpgsqlDataSource DataSource { get; private set; } = null!;
    public IDbContextFactory<WritersRoomDbContext> Factory { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        await using (var admin = new NpgsqlConnection(TestEnvironment.AdminConnectionString))
        {
            await admin.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{Name}\"", admin);
            await create.ExecuteNonQueryAsync();
        }

        ConnectionString = new NpgsqlConnectionStringBuilder(TestEnvironment.AdminConnectionString) { Database = Name }.ConnectionString;
        DataSource = DataServiceCollectionExtensions.CreateDataSource(ConnectionString);
        // EF 10's pooled factory is built by DI (its public constructor now takes the pool itself).
        Factory = new ServiceCollection()
            .AddPooledDbContextFactory<WritersRoomDbContext>(options => DataServiceCollectionExtensions.Configure(options, DataSource))
            .BuildServiceProvider()
            .GetRequiredService<IDbContextFactory<WritersRoomDbContext>>();
        await using var db = await Factory.CreateDbContextAsync();
        await db.Database.MigrateAsync();
        await using var connection = await DataSource.OpenConnectionAsync();
        await connection.ReloadTypesAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{Name}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
