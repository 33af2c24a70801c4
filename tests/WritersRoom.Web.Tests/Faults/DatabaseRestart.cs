using Npgsql;
using WritersRoom.TestSupport;

namespace WritersRoom.Web.Tests.Faults;

/// <summary>
/// What a PostgreSQL restart does to the app, without stopping the cluster every checkout shares: every backend of
/// the test database is terminated, so each open and pooled connection dies as it would in a restart.
/// </summary>
internal static class DatabaseRestart
{
    public static async Task<int> TerminateAllBackendsAsync(string database)
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await admin.OpenAsync();
        await using var command = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid))::int FROM pg_stat_activity WHERE datname = @db AND pid <> pg_backend_pid()", admin);
        command.Parameters.AddWithValue("db", database);
        return (int)(await command.ExecuteScalarAsync())!;
    }
}
