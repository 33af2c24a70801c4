using Npgsql;
using WritersRoom.Data.Chat;
using WritersRoom.TestSupport;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>
/// The scene text retrieval keeps in memory: re-read for exactly the scenes whose content hash or summary changed
/// in the database, and never served for another script.
/// </summary>
public sealed class SceneCorpusCacheTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private const string Fountain = "INT. KITCHEN - DAY\n\nTea.\n\nEXT. GARDEN - NIGHT\n\nRoses.\n\nINT. HALL - DAY\n\nCoats.\n";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_scene_is_read_again_only_when_its_hash_changes()
    {
        var owner = await ChatSeed.UserAsync(database.Factory, "corpus-hash@example.com");
        var script = await ChatSeed.ImportAsync(database.Factory, Fountain, owner, embed: false);
        using var corpus = new SceneCorpus(database.DataSource);
        var first = await corpus.LoadAsync(script, "", null, Ct);
        Assert.Equal("Roses.", first[1].BlockTexts[^1]);

        // The text changes without the hash (no code of ours does this): the kept text is still served, which shows
        // the paragraphs were not read again ...
        await ExecuteAsync("UPDATE blocks SET text = 'Tulips.' WHERE script_id = @s AND text = 'Roses.'", script);
        Assert.Equal("Roses.", (await corpus.LoadAsync(script, "", null, Ct))[1].BlockTexts[^1]);
        Assert.Equal("Tea.", (await corpus.LoadAsync(script, "", null, Ct))[0].BlockTexts[^1]);

        // ... and once the hash moves, as a commit moves it in the same transaction, that scene is read again.
        await ExecuteAsync("UPDATE blocks SET text = 'Tea, cold.' WHERE script_id = @s AND text = 'Tea.'", script);
        await ExecuteAsync("UPDATE scenes SET content_hash = 'changed' WHERE script_id = @s", script);
        var after = await corpus.LoadAsync(script, "", null, Ct);
        Assert.Equal(["Tea, cold.", "Tulips.", "Coats."], after.Select(s => s.BlockTexts[^1]));
        Assert.Equal([1, 2, 3], after.Select(s => s.Number));
    }

    [Fact]
    public async Task A_new_summary_and_a_deleted_scene_show_in_the_next_load_and_ranking()
    {
        var owner = await ChatSeed.UserAsync(database.Factory, "corpus-summary@example.com");
        var script = await ChatSeed.ImportAsync(database.Factory, Fountain, owner, embed: false);
        var other = await ChatSeed.ImportAsync(database.Factory, "INT. GREENHOUSE - DAY\n\nOrchids everywhere.\n", owner, embed: false);
        using var corpus = new SceneCorpus(database.DataSource);
        var retrieval = new SceneRetrieval(corpus);
        await corpus.LoadAsync(script, "", null, Ct);
        await corpus.LoadAsync(other, "", null, Ct);

        await ExecuteAsync("""
            INSERT INTO scene_summaries (scene_id, script_id, summary, source_hash, model, created_at)
            SELECT s.id, s.script_id, 'Orchids bloom in the hall.', s.content_hash, 'test', now()
            FROM scenes s JOIN blocks b ON b.scene_id = s.id WHERE s.script_id = @s AND b.text = 'Coats.'
            """, script);
        var found = await retrieval.SearchAsync(script, "orchids", "", null, 1, 1.0, Ct);
        Assert.Equal("INT. HALL - DAY", Assert.Single(found).Heading);
        Assert.Equal("Orchids bloom in the hall.", found[0].Summary);

        await ExecuteAsync("DELETE FROM scenes s USING blocks b WHERE b.scene_id = s.id AND s.script_id = @s AND b.text = 'Roses.'", script);
        var left = await corpus.LoadAsync(script, "", null, Ct);
        Assert.Equal(["INT. KITCHEN - DAY", "INT. HALL - DAY"], left.Select(s => s.Heading));
        Assert.Equal([1, 2], left.Select(s => s.Number));
        Assert.Equal("INT. GREENHOUSE - DAY", Assert.Single(await corpus.LoadAsync(other, "", null, Ct)).Heading);
    }

    [Fact]
    public async Task A_vector_is_read_once_and_again_only_when_the_scene_is_embedded_anew()
    {
        var owner = await ChatSeed.UserAsync(database.Factory, "corpus-vectors@example.com");
        var script = await ChatSeed.ImportAsync(database.Factory, Fountain, owner, embed: false);
        using var corpus = new SceneCorpus(database.DataSource);
        await ExecuteAsync("""
            INSERT INTO scene_embeddings (scene_id, model, script_id, embedding, dimensions, source_hash, created_at)
            SELECT s.id, 'm', s.script_id, CASE b.text WHEN 'Tea.' THEN '[1,0,0]' WHEN 'Roses.' THEN '[0,1,0]' ELSE '[0,0,1]' END::vector,
                   3, s.content_hash, now()
            FROM scenes s JOIN blocks b ON b.scene_id = s.id WHERE s.script_id = @s AND b.type <> 'SceneHeading'
            """, script);
        Assert.Equal([0.0, 1.0, 1.0], await DistancesAsync(corpus, script, "m", [1, 0, 0]));

        // The vector changes without its time (no code of ours does this): the kept one is still used, so it was not read again ...
        await ExecuteAsync("UPDATE scene_embeddings e SET embedding = '[0,1,0]' FROM blocks b WHERE b.scene_id = e.scene_id AND b.text = 'Tea.' AND e.script_id = @s", script);
        Assert.Equal([0.0, 1.0, 1.0], await DistancesAsync(corpus, script, "m", [1, 0, 0]));
        // ... nor by a read that asks for no distances (the assistant's tools), which keeps the vectors ...
        Assert.All(await corpus.LoadAsync(script, "", null, Ct), s => Assert.Null(s.Distance));
        Assert.Equal([0.0, 1.0, 1.0], await DistancesAsync(corpus, script, "m", [1, 0, 0]));

        // ... and once the job stamps a new vector, that one is read and used.
        await ExecuteAsync("UPDATE scene_embeddings e SET created_at = now() + interval '1 second' FROM blocks b WHERE b.scene_id = e.scene_id AND b.text = 'Tea.' AND e.script_id = @s", script);
        Assert.Equal([0.0, 0.0, 1.0], await DistancesAsync(corpus, script, "m", [0, 1, 0]));

        // Another model's vectors (a re-embed under way) are compared only with a question embedded by that model.
        await ExecuteAsync("""
            INSERT INTO scene_embeddings (scene_id, model, script_id, embedding, dimensions, source_hash, created_at)
            SELECT s.id, 'm2', s.script_id, '[0,0,1]', 3, s.content_hash, now() FROM scenes s WHERE s.script_id = @s AND s.rank = (SELECT max(rank) FROM scenes WHERE script_id = @s)
            """, script);
        Assert.Equal([null, null, 0.0], await DistancesAsync(corpus, script, "m2", [0, 0, 1]));
        Assert.Equal([0.0, 0.0, 1.0], await DistancesAsync(corpus, script, "m", [0, 1, 0]));
    }

    private static async Task<double?[]> DistancesAsync(SceneCorpus corpus, Guid script, string model, float[] question) =>
        (await corpus.LoadAsync(script, model, question, Ct)).Select(s => s.Distance is { } d ? Math.Round(d, 6) : (double?)null).ToArray();

    private async Task ExecuteAsync(string sql, Guid script)
    {
        await using var command = database.DataSource.CreateCommand(sql);
        command.Parameters.Add(new NpgsqlParameter("s", script));
        await command.ExecuteNonQueryAsync(Ct);
    }
}
