using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WritersRoom.Core.Fountain;
using WritersRoom.Data;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Chat;
using WritersRoom.Web.Formats;
using WritersRoom.Web.Tests.Ai;
using WritersRoom.Web.Tests.Editing;
using WritersRoom.Web.Tests.Security;

namespace WritersRoom.Web.Tests.Cluster;

/// <summary>
/// The read-only connection string: with a streaming replica configured, retrieval (the search, and so what the model
/// is given) and reports (the page's data and the CSV files) are read from the replica, while membership checks,
/// messages and the script files stay on the primary. Proven by pausing the replica's replay: a change on the primary
/// is invisible to exactly those reads until the replica catches up. Without the setting, they use the primary's pool.
/// </summary>
public sealed class ReadReplicaTests(TestDatabase database, ITestOutputHelper output) : IClassFixture<TestDatabase>
{
    private const string Fountain = """
        INT. RIVER - DAY

        Edward wades into the river. The fish circles him.

        EXT. CIRCUS - NIGHT

        Karl the giant juggles torches.

        INT. KITCHEN - MORNING

        Sandra burns the toast.
        """;

    [Fact]
    public async Task With_a_replica_configured_retrieval_and_reports_read_it_and_show_the_primary_s_rows_once_it_caught_up()
    {
        var ct = TestContext.Current.CancellationToken;
        if (await StreamingReplica.UnavailableAsync() is { } why) Assert.Skip(why);
        var clock = Stopwatch.StartNew();
        await using var replica = new StreamingReplica();
        await replica.StartAsync(ct);
        var built = clock.Elapsed;

        await using var model = await FakeModelServer.StartAsync();
        var logs = new LogRecorder();
        using var host = await ServiceHost.StartAsync(database.ConnectionString, logs,
            [.. ServiceHost.FakeModel(model.Url), ("ConnectionStrings:WritersRoomReadOnly", replica.ConnectionString(database.Name, pooling: true))]);
        T Get<T>() where T : notnull => host.Services.GetRequiredService<T>();
        Assert.True(Get<ReadOnlyDatabase>().IsReplica);

        var owner = await ServiceHost.UserAsync(database.Factory, "owner");
        var script = await new ScriptImporter(database.Factory).ImportAsync(FountainParser.Parse(Fountain), "Replica", owner, ct);
        clock.Restart();
        await replica.CatchUpAsync(ct);
        var caughtUp = clock.Elapsed;

        // The replica stops applying changes; the primary moves the third scene to a lighthouse (with a new content
        // hash, as the editor's commit writes one with the text).
        await replica.PauseAsync(ct);
        await using (var move = database.DataSource.CreateCommand("""
            WITH moved AS (
                UPDATE blocks SET text = replace(replace(text, 'KITCHEN', 'LIGHTHOUSE'), 'burns the toast', 'climbs to the lamp')
                WHERE script_id = $1 AND (text LIKE '%KITCHEN%' OR text LIKE '%burns the toast%')
                RETURNING scene_id)
            UPDATE scenes SET content_hash = md5('lighthouse' || id::text) WHERE id IN (SELECT scene_id FROM moved)
            """))
        {
            move.Parameters.AddWithValue(script);
            Assert.Equal(1, await move.ExecuteNonQueryAsync(ct));
        }

        // Retrieval, the model's context, the reports page and the CSV read the replica: the kitchen still.
        var search = Get<SceneSearch>();
        var exports = Get<ScriptExports>();
        Assert.DoesNotContain(await SearchTextAsync(search, script, ct), t => t.Contains("LIGHTHOUSE", StringComparison.Ordinal));
        Assert.Contains(await SearchTextAsync(search, script, ct), t => t.Contains("KITCHEN", StringComparison.Ordinal));
        var prompt = await AskAsync(Get<ChatPipeline>(), model, owner, script, ct);
        Assert.Contains("Sandra burns the toast", prompt, StringComparison.Ordinal);
        Assert.DoesNotContain("climbs to the lamp", prompt, StringComparison.Ordinal);
        Assert.Contains((await exports.ReportAsync(owner, script, ct))!.Report.Scenes, s => s.Heading == "INT. KITCHEN - MORNING");
        Assert.Contains("KITCHEN", await CsvAsync(exports, owner, script, ct), StringComparison.Ordinal);
        // The script file itself and the membership check are the primary's: the lighthouse is there already.
        var fountain = Encoding.UTF8.GetString((await exports.ExportAsync(owner, script, "fountain", ct: ct))!.Content);
        Assert.Contains("INT. LIGHTHOUSE - MORNING", fountain, StringComparison.Ordinal);

        // The replica's pool holds the connections that did it; the primary never saw one of them.
        var onReplica = await replica.BackendsAsync(database.Name, ct);
        Assert.True(onReplica.GetValueOrDefault(DataServiceCollectionExtensions.ReadOnlyPoolName) > 0,
            "no connection of the read-only pool on the replica: " + string.Join(", ", onReplica));
        Assert.Equal(0, await PrimaryBackendsAsync(DataServiceCollectionExtensions.ReadOnlyPoolName, ct));

        // Replay resumes; once caught up the same reads show the primary's rows.
        await replica.ResumeAsync(ct);
        clock.Restart();
        await replica.CatchUpAsync(ct);
        var resumed = clock.Elapsed;
        var found = await search.SearchAsync(script, "Who climbs to the lamp in the lighthouse?", 3, ct);
        Assert.Equal("INT. LIGHTHOUSE - MORNING", found[0].Heading);
        prompt = await AskAsync(Get<ChatPipeline>(), model, owner, script, ct);
        Assert.Contains("climbs to the lamp", prompt, StringComparison.Ordinal);
        Assert.Contains((await exports.ReportAsync(owner, script, ct))!.Report.Scenes, s => s.Heading == "INT. LIGHTHOUSE - MORNING");
        var csv = await CsvAsync(exports, owner, script, ct);
        Assert.Contains("LIGHTHOUSE", csv, StringComparison.Ordinal);
        Assert.DoesNotContain("KITCHEN", csv, StringComparison.Ordinal);

        await host.StopAsync(ct);
        output.WriteLine($"Read-only replica: pg_basebackup and standby start {built.TotalMilliseconds:F0} ms; caught up with the import in " +
            $"{caughtUp.TotalMilliseconds:F0} ms and after the pause in {resumed.TotalMilliseconds:F0} ms; read-only pool connections on the replica: " +
            string.Join(", ", onReplica.Select(b => $"{b.Key} {b.Value}")));
    }

    [Fact]
    public async Task Without_a_read_only_connection_string_retrieval_and_reports_use_the_primary_s_pool()
    {
        var ct = TestContext.Current.CancellationToken;
        using var host = await ServiceHost.StartAsync(database.ConnectionString, new LogRecorder());
        var readOnly = host.Services.GetRequiredService<ReadOnlyDatabase>();
        Assert.False(readOnly.IsReplica);
        Assert.Same(host.Services.GetRequiredService<NpgsqlDataSource>(), readOnly.DataSource);

        var owner = await ServiceHost.UserAsync(database.Factory, "owner");
        var script = await new ScriptImporter(database.Factory).ImportAsync(FountainParser.Parse(Fountain), "Primary", owner, ct);
        Assert.Equal(3, (await host.Services.GetRequiredService<ScriptExports>().ReportAsync(owner, script, ct))!.Report.Scenes.Count);
        Assert.Equal(3, (await host.Services.GetRequiredService<SceneSearch>().SearchAsync(script, "Karl juggles", 5, ct)).Count);
        await host.StopAsync(ct);
    }

    private static async Task<List<string>> SearchTextAsync(SceneSearch search, Guid script, CancellationToken ct) =>
        (await search.SearchAsync(script, "Who climbs to the lamp in the lighthouse?", 3, ct)).SelectMany(s => s.BlockTexts).ToList();

    private static async Task<string> CsvAsync(ScriptExports exports, string owner, Guid script, CancellationToken ct) =>
        Encoding.UTF8.GetString((await exports.ExportAsync(owner, script, "csv-scenes", ct: ct))!.Content);

    /// <summary>One turn; returns what the model was sent.</summary>
    private static async Task<string> AskAsync(ChatPipeline pipeline, FakeModelServer model, string user, Guid script, CancellationToken ct)
    {
        var request = new ChatTurnRequest(script, Guid.CreateVersion7(), true, "Where does Sandra go in the morning?", Guid.NewGuid().ToString("N"));
        ChatEvent? last = null;
        await foreach (var e in pipeline.SendAsync(user, request, ct)) last = e;
        Assert.IsType<AnswerFinished>(last);
        return model.Requests.Last(r => r.Path.EndsWith("/chat/completions", StringComparison.Ordinal)).Body.ToJsonString();
    }

    private async Task<int> PrimaryBackendsAsync(string applicationName, CancellationToken ct)
    {
        await using var command = database.DataSource.CreateCommand(
            "SELECT count(*)::int FROM pg_stat_activity WHERE datname = current_database() AND application_name = $1");
        command.Parameters.AddWithValue(applicationName);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }
}
