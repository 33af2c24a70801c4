using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using WritersRoom.Core.Scripts;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Faults;

/// <summary>
/// Fault 6: a writer goes offline for "five minutes" and keeps typing, then reconnects. In that time the server unloads
/// the idle session (the real <see cref="WritersRoom.Web.Editing.SessionSweeper"/>, its idle timeout shortened from five
/// minutes to one second) twice, and the others edit the same and other paragraphs, before and after the reloads.
/// The writer comes back through the browser's resend path (<see cref="SimulatedWriter"/>, the same algorithm as
/// sync.js): an operation the server committed but whose acknowledgement was lost, one lost on the way, a new
/// paragraph and typing made offline. Every character typed by anyone ends up in the script exactly once.
/// </summary>
public sealed class OfflineWriterTests(ITestOutputHelper output) : IAsyncLifetime
{
    private readonly EditingTestHost host = new(
        KeyValuePair.Create("Editing:IdleTimeout", (string?)"00:00:01"),
        KeyValuePair.Create("Editing:SweepInterval", (string?)"00:00:00.100"));

    // Each writer types characters of its own range, so every character's fate can be counted.
    private readonly Dictionary<SimulatedWriter, int> next = [];
    private readonly Dictionary<SimulatedWriter, int> range = [];
    private readonly List<char> typed = [];
    private readonly HashSet<char> deleted = [];

    public ValueTask InitializeAsync() => host.InitializeAsync();
    public ValueTask DisposeAsync() => host.DisposeAsync();

    [Fact]
    public async Task A_writer_back_from_a_long_time_offline_has_every_edit_merged_once_with_the_others()
    {
        var ct = TestContext.Current.CancellationToken;
        var owner = await host.CreateUserAsync("owner");
        var script = await host.ImportAsync(
            "INT. RIVER - DAY\n\nEdward wades in.\n\nThe fish circles.\n\nWILL\nDad?\n\nEXT. BANK - NIGHT\n\nSandra waits.\n", owner);
        var writers = new List<SimulatedWriter>();
        foreach (var name in new[] { "alice", "bob", "carol" })
        {
            var user = await host.CreateUserAsync(name);
            await host.AddMemberAsync(script, user, ScriptRole.Writer);
            var w = new SimulatedWriter(name, user, host.Editor, script);
            range[w] = writers.Count;
            next[w] = 0;
            writers.Add(w);
            await w.ConnectAsync();
        }
        var (alice, bob, carol) = (writers[0], writers[1], writers[2]);
        var original = (await host.StoredParagraphsAsync(script)).Select(p => p.Id).ToList();
        var (edward, fish, dad, sandra) = (original[1], original[2], original[4], original[6]);

        // Everyone at work for a while.
        await TypeAsync(alice, edward, 3);
        await TypeAsync(bob, edward, 2);
        await TypeAsync(carol, sandra, 2);
        await SettleAsync(writers);
        var aliceEarly = alice.TextOf(edward).First(c => Of(c) == 0);

        // Alice's connection goes. One operation reached the server and was committed, but its acknowledgement never
        // reached her; the next one was lost on the way.
        await TypeAsync(alice, fish, 1);
        await SettleAsync(writers);
        await alice.TypeAsync(fish, alice.TextOf(fish).Length, Char(alice).ToString());
        await WaitForAsync(async () => (await host.StoredParagraphsAsync(script)).Single(p => p.Id == fish).Text == alice.TextOf(fish),
            "Alice's last operation committed");
        alice.TypeAndLoseTheSend(edward, alice.TextOf(edward).Length, Char(alice).ToString());
        Assert.False(alice.Online);
        Assert.Equal(2, alice.Unacked);

        // Offline: she keeps typing in paragraphs others edit too, deletes a character of hers, starts a new paragraph.
        await TypeAsync(alice, edward, 4);
        await TypeAsync(alice, dad, 3);
        var at = alice.TextOf(edward).IndexOf(aliceEarly, StringComparison.Ordinal);
        await alice.DeleteAsync(edward, at, 1);
        deleted.Add(aliceEarly);
        var alicesParagraph = await alice.InsertAsync(dad, NewText(alice, 3));
        await TypeAsync(alice, alicesParagraph, 2);

        // Meanwhile the others edit the same paragraphs and others, and add paragraphs (one where Alice added hers).
        await TypeAsync(bob, edward, 3);
        await TypeAsync(bob, dad, 2);
        await TypeAsync(carol, fish, 3);
        var carolsAfterFish = await carol.InsertAsync(fish, NewText(carol, 3));
        var carolsAfterDad = await carol.InsertAsync(dad, NewText(carol, 2));
        await SettleAsync([bob, carol]);

        // They leave; the idle session is unloaded. Bob comes back (a reload from the database), edits, leaves; unloaded again.
        bob.Disconnect();
        carol.Disconnect();
        var unloads = await WaitForUnloadAsync(script);
        await bob.ConnectAsync();
        await TypeAsync(bob, dad, 2);
        await TypeAsync(bob, carolsAfterFish, 2);
        await SettleAsync([bob]);
        bob.Disconnect();
        unloads += await WaitForUnloadAsync(script);
        await TypeAsync(alice, edward, 2);

        // Alice is back: the script is loaded again for her, she resends what was never acknowledged and what she typed since.
        var clock = Stopwatch.StartNew();
        await alice.ConnectAsync();
        await bob.ConnectAsync();
        await carol.ConnectAsync();
        await SettleAsync(writers);
        var settledAfter = clock.Elapsed;
        await TypeAsync(carol, alicesParagraph, 1);
        await TypeAsync(bob, edward, 1);
        await SettleAsync(writers);

        Assert.All(writers, w => Assert.Empty(w.Rejections));
        var session = (await host.Registry.GetAsync(script, ct))!;
        var live = session.Snapshot().Blocks.ToDictionary(b => b.Id);
        // No paragraph twice, none lost: the original ones and the three new ones.
        Assert.Equal(live.Count, live.Keys.Distinct().Count());
        Assert.Equal(original.Concat([alicesParagraph, carolsAfterFish, carolsAfterDad]).Order(), live.Keys.Order());
        foreach (var w in writers)
        {
            Assert.Equal(live.ToDictionary(b => b.Key, b => b.Value.Text), w.Texts.ToDictionary());
            Assert.Equal(live.ToDictionary(b => b.Key, b => b.Value.Version), w.Versions.ToDictionary());
        }

        // Written out and read back: the same paragraphs in the same order, the same texts and versions.
        var liveVersion = session.Version;
        foreach (var w in writers) w.Disconnect();
        await host.Registry.UnloadAsync(script, ct);
        var reloaded = (await host.Registry.GetAsync(script, ct))!.Snapshot();
        Assert.Equal(live.Values.Select(b => (b.Id, b.Text, b.Version)), reloaded.Blocks.Select(b => (b.Id, b.Text, b.Version)));
        await using (var db = await host.DbAsync())
        {
            var scriptVersion = await db.Scripts.Where(s => s.Id == script).Select(s => s.Version).SingleAsync(ct);
            Assert.All(reloaded.Blocks, b => Assert.True(b.Version <= scriptVersion, $"block version {b.Version} above the script's {scriptVersion}"));
            Assert.Equal(liveVersion, scriptVersion);
        }

        var all = string.Concat(reloaded.Blocks.Select(b => b.Text));
        foreach (var c in typed)
        {
            var count = all.Count(x => x == c);
            Assert.True(count == (deleted.Contains(c) ? 0 : 1), $"{writers[Of(c)].Name}'s U+{(int)c:X4} appears {count} times");
        }
        Assert.Equal(NewTextOf(alice, alicesParagraph), reloaded.Blocks.Single(b => b.Id == alicesParagraph).Text.Where(c => Of(c) == 0));
        var loads = host.Logs.Entries.Count(e => e.Message.StartsWith("Loaded script", StringComparison.Ordinal));
        output.WriteLine($"Fault 6: {typed.Count} characters typed by 3 writers ({typed.Count(c => Of(c) == 0)} by the offline one), 1 deleted offline, " +
            $"3 new paragraphs; the session was unloaded {unloads} times while she was away and loaded {loads} times in all; " +
            $"her reconnect settled in {settledAfter.TotalMilliseconds:F0} ms; final script {reloaded.Blocks.Count} paragraphs, version {reloaded.Version}");
    }

    private int Of(char c) => (c - 0x4E00) / 3000;

    private char Char(SimulatedWriter w)
    {
        var c = (char)(0x4E00 + range[w] * 3000 + next[w]++);
        typed.Add(c);
        return c;
    }

    private string NewText(SimulatedWriter w, int length) => new(Enumerable.Range(0, length).Select(_ => Char(w)).ToArray());

    private IEnumerable<char> NewTextOf(SimulatedWriter w, Guid paragraph) => w.TextOf(paragraph).Where(c => Of(c) == range[w]);

    /// <summary>Types <paramref name="count"/> characters one at a time at the end of the paragraph, as the writer sees it.</summary>
    private async Task TypeAsync(SimulatedWriter w, Guid paragraph, int count)
    {
        for (var i = 0; i < count; i++)
        {
            await w.TypeAsync(paragraph, w.TextOf(paragraph).Length, Char(w).ToString());
            if (w.Online) await w.ReceiveAsync();
        }
    }

    private static async Task SettleAsync(IReadOnlyList<SimulatedWriter> writers)
    {
        var clock = Stopwatch.StartNew();
        while (!writers.All(w => w.Idle))
        {
            if (clock.Elapsed > TimeSpan.FromSeconds(30))
                throw new TimeoutException("Writers did not settle: " + string.Join(", ", writers.Select(w => $"{w.Name} unacked {w.Unacked}")));
            foreach (var w in writers) await w.ReceiveAsync();
            await Task.Delay(10);
        }
    }

    /// <summary>Waits for the sweeper to unload the idle session; 1 once it has.</summary>
    private async Task<int> WaitForUnloadAsync(Guid script)
    {
        await WaitForAsync(async () => await host.Registry.FindLiveAsync(script) is null, "the idle session unloaded by the sweeper");
        return 1;
    }

    private static async Task WaitForAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < TimeSpan.FromSeconds(15), $"Not within 15 s: {what}.");
            await Task.Delay(20);
        }
    }
}
