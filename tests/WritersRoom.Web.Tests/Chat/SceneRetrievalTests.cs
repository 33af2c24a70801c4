using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Retrieval;
using WritersRoom.Data.Chat;
using WritersRoom.TestSupport;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>Big Fish imported once, embedded offline; retrieval quality and its invariants.</summary>
public sealed class SceneRetrievalTests(TestDatabase database) : IClassFixture<TestDatabase>
{
    private SceneRetrieval Retrieval => new(new SceneCorpus(database.DataSource));

    [Fact]
    public async Task Big_Fish_plot_questions_find_their_scene_in_the_top_five()
    {
        var owner = await ChatSeed.UserAsync(database.Factory, "recall@example.com");
        var script = await ChatSeed.ImportFixtureAsync(database.Factory, "big-fish.fountain", owner);
        var scenes = await new SceneCorpus(database.DataSource).LoadAsync(script, ChatSeed.Embedder.ModelId, null, TestContext.Current.CancellationToken);

        var n = BigFishQuestions.All.Length;
        var offline = await RecallAsync(script, scenes, RetrievalWeights.OfflineVectorWeight);
        var equal = await RecallAsync(script, scenes, 1.0);
        var lexical = await RecallAsync(script, scenes, 0.0);
        var report = $"Big Fish recall over {n} questions: hybrid as run offline (hashed vectors at weight " +
                     $"{RetrievalWeights.OfflineVectorWeight}) {offline}; equal weights {equal}; BM25 alone {lexical}";
        TestContext.Current.SendDiagnosticMessage(report);
        await File.WriteAllTextAsync(Path.Combine(AppContext.BaseDirectory, "bigfish-recall.txt"), report, TestContext.Current.CancellationToken);
        Assert.True(offline.At5 >= n * 2 / 3, report);
    }

    private static Task<Recall> RecallAsync(Guid script, IReadOnlyList<SceneDocument> scenes, double vectorWeight)
    {
        int at1 = 0, at5 = 0;
        foreach (var question in BigFishQuestions.All)
        {
            var answers = scenes.Where(s => question.AnswerPhrases.Any(p => s.Text.Contains(p, StringComparison.Ordinal))).Select(s => s.SceneId).ToHashSet();
            Assert.NotEmpty(answers);
            var vector = ChatSeed.Embedder.Embed(question.Text);
            var withDistance = scenes.Select(s => s with { Distance = CosineDistance(vector, ChatSeed.Embedder.Embed(s.Text)) }).ToList();
            var top = HybridRanker.Rank(withDistance, question.Text, 5, vectorWeight);
            if (answers.Contains(top[0].SceneId)) at1++;
            if (top.Any(s => answers.Contains(s.SceneId))) at5++;
        }

                return Task.FromResult(new Recall(at1, at5, BigFishQuestions.All.Length));
    }

    private static double CosineDistance(float[] a, float[] b)
    {
        double dot = 0, na = 0, nb = 0;
        for (var i = 0; i < a.Length; i++) { dot += a[i] * b[i]; na += a[i] * a[i]; nb += b[i] * b[i]; }
        return 1 - dot / Math.Sqrt(na * nb);
    }

    private sealed record Recall(int At1, int At5, int Of)
    {
        public override string ToString() => $"@1 {At1}/{Of}, @5 {At5}/{Of}";
    }

    [Fact]
    public async Task Search_returns_min_of_k_and_n_scenes_and_only_from_the_asked_script()
    {
        var owner = await ChatSeed.UserAsync(database.Factory, "bounds@example.com");
        var small = await ChatSeed.ImportAsync(database.Factory, "INT. A - DAY\n\nOne.\n\nEXT. B - NIGHT\n\nTwo.\n\nINT. C - DAY\n\nThree giant.\n", owner);
        var other = await ChatSeed.ImportAsync(database.Factory, "INT. GIANT CAVE - DAY\n\nThe giant giant giant.\n", owner);
        await using var db = await database.Factory.CreateDbContextAsync(TestContext.Current.CancellationToken);
        var smallScenes = await db.Scenes.Where(s => s.ScriptId == small).Select(s => s.Id).ToListAsync(TestContext.Current.CancellationToken);

        var many = await Retrieval.SearchAsync(small, "giant", ChatSeed.Embedder.ModelId, ChatSeed.Embedder.Embed("giant"), 10, 1.0, TestContext.Current.CancellationToken);
        var two = await Retrieval.SearchAsync(small, "nothing matches this", ChatSeed.Embedder.ModelId, null, 2, 1.0, TestContext.Current.CancellationToken);

        Assert.Equal(3, many.Count);
        Assert.All(many, s => Assert.Contains(s.SceneId, smallScenes));
        Assert.Equal("Three giant.", many[0].BlockTexts[^1]);
        Assert.Equal(2, two.Count);
        Assert.NotEqual(other, small);
    }
}
