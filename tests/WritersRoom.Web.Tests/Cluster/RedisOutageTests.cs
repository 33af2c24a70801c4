// Each call here is short and bounded; the cluster (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using System.Diagnostics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Web.Cluster;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Cluster;

/// <summary>
/// Redis goes away for a while (its own private server, killed) while a writer on each of two instances keeps typing
/// into the same paragraphs and adds paragraphs: every edit is still acknowledged (written to the database) on each instance, and when
/// Redis is back the instances and writers converge with every typed token present exactly once. Seeded.
/// </summary>
public sealed partial class RedisOutageTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Fountain = "INT. RIVER - DAY\n\nEdward wades in.\n\nThe fish circles.\n\nWILL\nDad?\n";
    private readonly InstanceCluster cluster = new();

    public ValueTask InitializeAsync() => cluster.InitializeAsync();
    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    [Fact]
    public async Task With_Redis_down_both_instances_keep_editing_and_converge_when_it_returns()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("WR_SEED"), out var s) ? s : Random.Shared.Next();
        output.WriteLine($"Seed {seed} (replay with WR_SEED={seed})");
        var random = new Random(seed);
        await using var redis = new PrivateRedis();
        await redis.StartAsync();
        var a = await cluster.StartAsync(redis.Connection);
        var b = await cluster.StartAsync(redis.Connection);
        var ann = await cluster.CreateUserAsync("Ann");
        var ben = await cluster.CreateUserAsync("Ben");
        var script = await cluster.ScriptAsync(Fountain, ann, ben);
        var heading = (await cluster.StoredParagraphsAsync(script))[0].Id; // typed into: everything but the heading
        var writers = new[] { new SimulatedWriter("ann", ann, a.Editor, script), new SimulatedWriter("ben", ben, b.Editor, script) };
        foreach (var w in writers) await w.ConnectAsync();
        var typed = new List<string>();

        await TypeAsync(writers, heading, typed, random, 20);
        await ConvergeAsync(script, a, b, writers, "before the outage", 10);

        await redis.KillAsync();
        await Eventually.TrueAsync(() => !Backplane(a).IsConnected && !Backplane(b).IsConnected, "both instances notice Redis is gone");
        await TypeAsync(writers, heading, typed, random, 40);
        // Editing goes on without Redis: every operation is written and acknowledged on its own instance.
        await Eventually.TrueAsync(() =>
        {
            foreach (var w in writers) w.ReceiveAsync().GetAwaiter().GetResult();
            return writers.All(w => w.Unacked == 0);
        }, "every operation typed during the outage is acknowledged", 15);
        await Task.Delay(1000); // down for a while longer

        var back = Stopwatch.GetTimestamp();
        await redis.StartAsync();
        await ConvergeAsync(script, a, b, writers, "after Redis returned", 20);
        output.WriteLine($"converged {Stopwatch.GetElapsedTime(back).TotalSeconds:F1} s after Redis was back");

        var stored = string.Concat((await cluster.StoredParagraphsAsync(script)).Select(p => p.Text));
        var found = Token().Matches(stored).Select(m => m.Value).ToList();
        var lost = typed.Except(found).ToList();
        var doubled = found.GroupBy(t => t).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
        Assert.True(lost.Count == 0 && doubled.Count == 0 && found.Count == typed.Count,
            $"lost: {string.Join(' ', lost)}; doubled: {string.Join(' ', doubled)}; typed {typed.Count}, stored {found.Count}");
        Assert.Empty(writers.SelectMany(w => w.Rejections));
    }

    private static RedisBackplane Backplane(Instance instance) => instance.Services.GetRequiredService<RedisBackplane>();

    /// <summary>Each writer inserts unique tokens at token boundaries of its own copy, receiving now and then.</summary>
    private static async Task TypeAsync(SimulatedWriter[] writers, Guid heading, List<string> typed, Random random, int each)
    {
        var counts = new int[writers.Length];
        while (counts.Any(c => c < each))
        {
            var i = random.Next(writers.Length);
            if (counts[i] >= each) continue;
            counts[i]++;
            var writer = writers[i];
            if (random.NextDouble() < 0.3) await writer.ReceiveAsync();
            var known = writer.Texts.Keys.Where(id => id != heading).ToList();
            var block = known[random.Next(known.Count)];
            if (random.NextDouble() < 0.15)
            {
                // Now and then a new paragraph instead: structure crosses the instances (and the outage) too.
                var fresh = $"[{writer.Name}{typed.Count}]";
                typed.Add(fresh);
                await writer.InsertAsync(block, fresh);
                continue;
            }
            var text = writer.TextOf(block);
            var boundaries = new List<int> { 0, text.Length };
            for (var p = 0; p < text.Length; p++)
            {
                if (text[p] == '[') boundaries.Add(p);
                if (text[p] == ']') boundaries.Add(p + 1);
            }
            var token = $"[{writer.Name}{typed.Count}]";
            typed.Add(token);
            await writer.TypeAsync(block, boundaries[random.Next(boundaries.Count)], token);
            await Task.Delay(random.Next(0, 8));
        }
    }

    private async Task ConvergeAsync(Guid script, Instance a, Instance b, SimulatedWriter[] writers, string when, double seconds)
    {
        try
        {
            await AgreeAsync(script, a, b, writers, when, seconds);
        }
        catch (Exception)
        {
            var onA = (await a.Registry.FindLiveAsync(script))!;
            var onB = (await b.Registry.FindLiveAsync(script))!;
            output.WriteLine($"A pending={onA.HasPendingWrites}: " + string.Join(" | ", onA.Paragraphs().Select(p => $"{p.Id.ToString()[..4]}:{p.Text}")));
            output.WriteLine($"B pending={onB.HasPendingWrites}: " + string.Join(" | ", onB.Paragraphs().Select(p => $"{p.Id.ToString()[..4]}:{p.Text}")));
            output.WriteLine("DB: " + string.Join(" | ", (await cluster.StoredParagraphsAsync(script)).Select(p => $"{p.Id.ToString()[..4]}:{p.Text}")));
            foreach (var w in writers)
                output.WriteLine($"{w.Name} idle={w.Idle} unacked={w.Unacked}: " + string.Join(" | ", w.Texts.Select(p => $"{p.Key.ToString()[..4]}:{p.Value}")));
            throw;
        }
    }

    private async Task AgreeAsync(Guid script, Instance a, Instance b, SimulatedWriter[] writers, string when, double seconds)
    {
        await Eventually.TrueAsync(async () =>
        {
            foreach (var w in writers) await w.ReceiveAsync();
            if (!writers.All(w => w.Idle)) return false;
            if (await a.Registry.FindLiveAsync(script) is not { HasPendingWrites: false } onA
                || await b.Registry.FindLiveAsync(script) is not { HasPendingWrites: false } onB) return false;
            var textsA = onA.Paragraphs().Select(p => (p.Id, p.Text)).ToList();
            var textsB = onB.Paragraphs().Select(p => (p.Id, p.Text)).ToList();
            var stored = await cluster.StoredParagraphsAsync(script);
            return textsA.SequenceEqual(textsB) && textsA.SequenceEqual(stored)
                && writers.All(w => w.Texts.Count == stored.Count && stored.All(p => w.Texts.TryGetValue(p.Id, out var t) && t == p.Text));
        }, $"instances, database and writers agree {when}", seconds);
    }

    [GeneratedRegex(@"\[(ann|ben)\d+\]")]
    private static partial Regex Token();
}
