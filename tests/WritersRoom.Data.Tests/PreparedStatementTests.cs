using Npgsql;
using WritersRoom.TestSupport;

namespace WritersRoom.Data.Tests;

/// <summary>The app's pool keeps its hot statements prepared, unless the connection string says otherwise.</summary>
public sealed class PreparedStatementTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Hot = "SELECT count(*) FROM scripts WHERE id = $1";

    [Fact]
    public async Task A_statement_run_again_and_again_is_prepared_on_its_connection()
    {
        await using var dataSource = DataServiceCollectionExtensions.CreateDataSource(database.ConnectionString);

        Assert.Equal(1, await PreparedAfterRunsAsync(dataSource));
    }

    [Fact]
    public async Task A_connection_string_that_turns_preparation_off_wins()
    {
        await using var dataSource = DataServiceCollectionExtensions.CreateDataSource(database.ConnectionString + ";Max Auto Prepare=0");

        Assert.Equal(0, await PreparedAfterRunsAsync(dataSource));
    }

    private static async Task<long> PreparedAfterRunsAsync(NpgsqlDataSource dataSource)
    {
        var ct = TestContext.Current.CancellationToken;
        // One connection throughout: prepared statements belong to a connection.
        await using var connection = await dataSource.OpenConnectionAsync(ct);
        for (var i = 0; i < 10; i++)
        {
            await using var run = new NpgsqlCommand(Hot, connection);
            run.Parameters.AddWithValue(Guid.NewGuid());
            await run.ExecuteScalarAsync(ct);
        }
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_prepared_statements WHERE statement = $1", connection);
        count.Parameters.AddWithValue(Hot);
        return (long)(await count.ExecuteScalarAsync(ct))!;
    }
}
