using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;
using WritersRoom.TestSupport;

namespace WritersRoom.Web.Tests.Cluster;

/// <summary>
/// A streaming replica of the test cluster on loopback, made as an operator makes one: <c>pg_basebackup -R</c> into a
/// temporary folder, then the standby started on a free port (as the <c>postgres</c> OS user when the tests run as
/// root, as scripts/lib.sh runs the cluster). It streams through a replication slot of its own: the shared cluster
/// drops databases (a checkpoint each) all the time, and without a slot the WAL between the copy and the standby's
/// start can be gone before the standby asks for it. On dispose the standby is stopped, its folder deleted and its
/// slot dropped; a slot left by a crashed run is dropped by the next run after ten minutes (and scripts/lib.sh caps
/// what any slot may keep).
/// </summary>
public sealed class StreamingReplica : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder primary = new(TestEnvironment.AdminConnectionString);
    // Under /tmp, where the postgres user can reach it (a TMPDIR under /root would not do), and short for the socket.
    private readonly string folder = Path.Combine(Directory.Exists("/tmp") ? "/tmp" : Path.GetTempPath(), "wr-replica-" + Guid.NewGuid().ToString("N")[..8]);
    private string bin = "";
    private bool started;

    private const string SlotPrefix = "wr_test_replica_";
    private readonly string slot = $"{SlotPrefix}{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}_{Guid.NewGuid():N}"[..40];

    public int Port { get; } = FreePort();
    private string Data => Path.Combine(folder, "data");

    /// <summary>Why a replica cannot be built here (no PostgreSQL server tools of the primary's version), or null.</summary>
    public static async Task<string?> UnavailableAsync()
    {
        var bin = await BinFolderAsync();
        return File.Exists(Path.Combine(bin, "pg_basebackup")) && File.Exists(Path.Combine(bin, "pg_ctl"))
            ? null
            : $"no pg_basebackup/pg_ctl in {bin} for the test cluster's PostgreSQL version";
    }

    /// <summary>Copies the primary and starts the standby; returns once it accepts read-only connections.</summary>
    public async Task StartAsync(CancellationToken ct)
    {
        bin = await BinFolderAsync();
        await DropStaleSlotsAsync(ct);
        Directory.CreateDirectory(folder);
        if (AsRoot) await RunAsync("chown", ["postgres:postgres", folder], ct);
        await RunAsync(Path.Combine(bin, "pg_basebackup"),
            ["-h", primary.Host!, "-p", primary.Port.ToString(), "-U", primary.Username!, "-D", Data,
             "-X", "stream", "-R", "--create-slot", "--slot", slot, "--no-sync", "--checkpoint=fast"], ct, asPostgres: true);
        // The copied configuration is the primary's (its port, its socket folder): the command line overrides what
        // must differ. max_connections and the like must stay as high as the primary's for a standby to start.
        var options = $"-p {Port} -k {folder} -c listen_addresses=127.0.0.1 -c shared_buffers=32MB -c hot_standby=on";
        started = true;
        await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", Data, "-l", Path.Combine(folder, "postgres.log"), "-o", options, "-w", "-t", "60", "start"],
            ct, asPostgres: true);
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var recovery = new NpgsqlCommand("SELECT pg_is_in_recovery()", connection);
        if (!(bool)(await recovery.ExecuteScalarAsync(ct))!) throw new InvalidOperationException("The copy did not start as a standby.");
    }

    /// <summary>The replica's connection string for <paramref name="database"/>, with the primary's credentials.</summary>
    public string ConnectionString(string database, bool pooling = false) =>
        new NpgsqlConnectionStringBuilder(primary.ConnectionString) { Host = "127.0.0.1", Port = Port, Database = database, Pooling = pooling }.ConnectionString;

    /// <summary>Stops applying the primary's changes (they keep arriving and wait), until <see cref="ResumeAsync"/>.</summary>
    public async Task PauseAsync(CancellationToken ct)
    {
        await ExecuteAsync("SELECT pg_wal_replay_pause()", ct);
        for (var i = 0; i < 200 && (string?)await ScalarAsync("SELECT pg_get_wal_replay_pause_state()", ct) != "paused"; i++) await Task.Delay(25, ct);
    }

    public Task ResumeAsync(CancellationToken ct) => ExecuteAsync("SELECT pg_wal_replay_resume()", ct);

    /// <summary>Waits until the replica has applied everything the primary had written when this was called.</summary>
    public async Task CatchUpAsync(CancellationToken ct)
    {
        string target;
        await using (var connection = new NpgsqlConnection(TestEnvironment.AdminConnectionString))
        {
            await connection.OpenAsync(ct);
            await using var lsn = new NpgsqlCommand("SELECT pg_current_wal_lsn()::text", connection);
            target = (string)(await lsn.ExecuteScalarAsync(ct))!;
        }
        var clock = Stopwatch.StartNew();
        while (!(bool)(await ScalarAsync($"SELECT pg_last_wal_replay_lsn() >= '{target}'::pg_lsn", ct))!)
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(20))
                throw new TimeoutException($"The replica did not reach {target} within 20 s:\n{await LogTailAsync()}");
            await Task.Delay(20, ct);
        }
    }

    /// <summary>Client backends on the replica for <paramref name="database"/>, by application_name.</summary>
    public async Task<Dictionary<string, int>> BackendsAsync(string database, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT application_name, count(*)::int FROM pg_stat_activity WHERE datname = @db AND backend_type = 'client backend' GROUP BY 1", connection);
        command.Parameters.AddWithValue("db", database);
        var result = new Dictionary<string, int>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct)) result[reader.GetString(0)] = reader.GetInt32(1);
        return result;
    }

    private async Task<object?> ScalarAsync(string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteScalarAsync(ct);
    }

    private async Task ExecuteAsync(string sql, CancellationToken ct) => await ScalarAsync(sql, ct);

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (started) await RunAsync(Path.Combine(bin, "pg_ctl"), ["-D", Data, "-m", "immediate", "-w", "-t", "30", "stop"], CancellationToken.None, asPostgres: true);
        }
        catch (InvalidOperationException)
        {
            // Not running (it failed to start): nothing to stop.
        }
        finally
        {
            if (Directory.Exists(folder)) Directory.Delete(folder, recursive: true);
            await DropSlotAsync();
        }
    }

    /// <summary>Drops this replica's slot once the primary has seen the standby go (the slot is busy until then).</summary>
    private async Task DropSlotAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await connection.OpenAsync();
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await using var drop = new NpgsqlCommand(
                    "SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots WHERE slot_name = @slot", connection);
                drop.Parameters.AddWithValue("slot", slot);
                await drop.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.ObjectInUse && attempt < 100)
            {
                await Task.Delay(100);
            }
        }
    }

    /// <summary>Slots of replicas that crashed before they could drop theirs: inactive, and named more than ten minutes ago.</summary>
    private static async Task DropStaleSlotsAsync(CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await connection.OpenAsync(ct);
        await using var drop = new NpgsqlCommand("""
            SELECT pg_drop_replication_slot(slot_name) FROM pg_replication_slots
            WHERE slot_name LIKE @prefix AND NOT active
              AND split_part(substr(slot_name, length(@bare) + 1), '_', 1)::bigint < extract(epoch FROM now()) - 600
            """, connection);
        drop.Parameters.AddWithValue("prefix", SlotPrefix.Replace("_", "\\_", StringComparison.Ordinal) + "%");
        drop.Parameters.AddWithValue("bare", SlotPrefix);
        await drop.ExecuteNonQueryAsync(ct);
    }

    private async Task<string> LogTailAsync()
    {
        var log = Path.Combine(folder, "postgres.log");
        return File.Exists(log) ? string.Join('\n', (await File.ReadAllLinesAsync(log)).TakeLast(15)) : "(no log)";
    }

    private static bool AsRoot => Environment.UserName == "root";

    /// <summary>The server tools of the primary's major version, where Debian puts them.</summary>
    private static async Task<string> BinFolderAsync()
    {
        await using var connection = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT current_setting('server_version_num')::int / 10000", connection);
        return $"/usr/lib/postgresql/{(int)(await command.ExecuteScalarAsync())!}/bin";
    }

    private async Task RunAsync(string file, IReadOnlyList<string> args, CancellationToken ct, bool asPostgres = false)
    {
        var password = "PGPASSWORD=" + primary.Password;
        var info = asPostgres && AsRoot
            ? new ProcessStartInfo("runuser", ["-u", "postgres", "--", "env", password, file, .. args])
            : new ProcessStartInfo(file, args) { Environment = { ["PGPASSWORD"] = primary.Password } };
        info.RedirectStandardOutput = info.RedirectStandardError = true;
        info.UseShellExecute = false;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"Could not start {file}.");
        var output = process.StandardOutput.ReadToEndAsync(ct);
        var errors = process.StandardError.ReadToEndAsync(ct);
        await process.WaitForExitAsync(ct);
        if (process.ExitCode != 0)
        {
            var log = Path.Combine(folder, "postgres.log");
            throw new InvalidOperationException($"{Path.GetFileName(file)} {string.Join(' ', args)} exited with {process.ExitCode}:\n" +
                await output + await errors + (File.Exists(log) ? "\n" + await File.ReadAllTextAsync(log, ct) : ""));
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
