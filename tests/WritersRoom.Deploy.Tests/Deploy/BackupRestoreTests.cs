using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using WritersRoom.Data;
using WritersRoom.Deploy.Tests.Infrastructure;
using WritersRoom.TestSupport;

namespace WritersRoom.Deploy.Tests.Deploy;

/// <summary>deploy/backup.sh then deploy/restore.sh into an empty database: every script, scene, paragraph and message is back.</summary>
public sealed class BackupRestoreTests(TestDatabase source) : IClassFixture<TestDatabase>, IAsyncLifetime
{
    private readonly string target = "wr_test_restore_" + Guid.NewGuid().ToString("N")[..8];
    private readonly string backupDir = Path.Combine(Path.GetTempPath(), "wr-deploy-backup-" + Guid.NewGuid().ToString("N")[..8]);

    private string TargetConnection => new NpgsqlConnectionStringBuilder(source.ConnectionString) { Database = target }.ConnectionString;

    public async ValueTask InitializeAsync()
    {
        await using var admin = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await admin.OpenAsync();
        // From template1, which carries pgvector as a fresh instance's database does; no tables.
        await using var create = new NpgsqlCommand($"CREATE DATABASE \"{target}\"", admin);
        await create.ExecuteNonQueryAsync();
    }

    [Fact]
    public async Task A_backup_restored_into_an_empty_database_holds_every_script_scene_block_and_message()
    {
        var ct = TestContext.Current.CancellationToken;
        var log = TestContext.Current.TestOutputHelper;
        var scriptIds = await SampleData.SeedAsync(source.Factory, ct);
        var before = await SnapshotAsync(source.Factory, ct);
        var file = Path.Combine(backupDir, "room.dump");

        var watch = Stopwatch.StartNew();
        var backup = await Script("backup.sh", source.ConnectionString, file, ct);
        log?.WriteLine($"backup of {scriptIds.Count} scripts, {before.Blocks.Count} paragraphs: {watch.ElapsedMilliseconds} ms, {new FileInfo(file).Length} bytes");
        Assert.True(backup.ExitCode == 0, backup.Output);
        var metadata = await File.ReadAllTextAsync(file + ".json", ct);
        Assert.Contains($"\"scripts\": {scriptIds.Count}", metadata);
        Assert.Contains("\"lastMigration\": \"2", metadata);

        watch.Restart();
        var restore = await Script("restore.sh", TargetConnection, file, ct);
        log?.WriteLine($"restore: {watch.ElapsedMilliseconds} ms");
        Assert.True(restore.ExitCode == 0, restore.Output);

        await using var restored = DataServiceCollectionExtensions.CreateDataSource(TargetConnection);
        var options = new DbContextOptionsBuilder<WritersRoomDbContext>();
        DataServiceCollectionExtensions.Configure(options, restored);
        var after = await SnapshotAsync(new Microsoft.EntityFrameworkCore.Infrastructure.PooledDbContextFactory<WritersRoomDbContext>(options.Options), ct);

        Assert.Equal(before.Scripts, after.Scripts);
        Assert.Equal(before.Scenes, after.Scenes);
        Assert.Equal(before.Blocks, after.Blocks);
        Assert.Equal(before.Messages, after.Messages);
        Assert.Equal(before.Users, after.Users);
    }

    [Fact]
    public async Task Restore_refuses_a_database_that_already_has_data()
    {
        var ct = TestContext.Current.CancellationToken;
        var file = Path.Combine(backupDir, "refuse.dump");
        Assert.Equal(0, (await Script("backup.sh", source.ConnectionString, file, ct)).ExitCode);

        // The source database itself is not empty: restoring over it would mix two histories.
        var restore = await Script("restore.sh", source.ConnectionString, file, ct);

        Assert.NotEqual(0, restore.ExitCode);
        Assert.Contains("not empty", restore.Output);
    }

    private static Task<Shell.Result> Script(string name, string connection, string file, CancellationToken ct) =>
        Shell.RunAsync(Path.Combine(TestEnvironment.RepoRoot, "deploy", name), [file],
            new Dictionary<string, string?> { ["ConnectionStrings__WritersRoom"] = connection }, TimeSpan.FromMinutes(3), ct);

    private sealed record Snapshot(List<string> Scripts, List<string> Scenes, List<string> Blocks, List<string> Messages, List<string> Users);

    private static async Task<Snapshot> SnapshotAsync(IDbContextFactory<WritersRoomDbContext> factory, CancellationToken ct)
    {
        await using var db = await factory.CreateDbContextAsync(ct);
        return new Snapshot(
            await db.Scripts.OrderBy(s => s.Id).Select(s => s.Id + "|" + s.Title + "|" + s.Version).ToListAsync(ct),
            await db.Scenes.OrderBy(s => s.Id).Select(s => s.Id + "|" + s.ScriptId + "|" + s.Rank + "|" + s.ContentHash).ToListAsync(ct),
            await db.Blocks.OrderBy(b => b.Id).Select(b => b.Id + "|" + b.SceneId + "|" + b.Rank + "|" + b.Type + "|" + b.Text).ToListAsync(ct),
            await db.Messages.OrderBy(m => m.Id).Select(m => m.Id + "|" + m.ConversationId + "|" + m.Role + "|" + m.Content).ToListAsync(ct),
            await db.Users.OrderBy(u => u.Id).Select(u => u.Id + "|" + u.Email + "|" + u.PasswordHash).ToListAsync(ct));
    }

    public async ValueTask DisposeAsync()
    {
        try { Directory.Delete(backupDir, recursive: true); } catch (DirectoryNotFoundException) { }
        NpgsqlConnection.ClearAllPools();
        await using var admin = new NpgsqlConnection(TestEnvironment.AdminConnectionString);
        await admin.OpenAsync();
        await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{target}\" WITH (FORCE)", admin);
        await drop.ExecuteNonQueryAsync();
    }
}
