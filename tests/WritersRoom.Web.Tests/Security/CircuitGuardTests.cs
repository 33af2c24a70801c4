using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WritersRoom.Web.Security.Circuits;
using WritersRoom.Web.Tests.Editing;

namespace WritersRoom.Web.Tests.Security;

/// <summary>The policy that ends a circuit, and the handler that puts it in front of every message from the browser.</summary>
public sealed class CircuitGuardTests
{
    private readonly LogRecorder logs = new();

    private CircuitGuard Guard(CircuitGuardOptions options) =>
        new(Options.Create(options), new LoggerFactory([logs]).CreateLogger<CircuitGuard>()) { CircuitId = "c-1", UserId = "user-1" };

    private static async Task<CircuitEndedException> EndedAsync(CircuitGuard guard)
    {
        var ended = new TaskCompletionSource<CircuitEndedException>(TaskCreationOptions.RunContinuationsAsynchronously);
        using (guard.OnEnd(e => ended.TrySetResult(e))) return await ended.Task.WaitAsync(TimeSpan.FromSeconds(30));
    }

    [Fact]
    public async Task Refusals_up_to_the_limit_are_tolerated_and_the_next_ends_the_circuit_once_with_the_user_and_reason_logged()
    {
        var guard = Guard(new CircuitGuardOptions { MaxRefusals = 3 });
        var terminations = 0;
        var terminated = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        guard.OnEnd(_ =>
        {
            Interlocked.Increment(ref terminations);
            terminated.TrySetResult();
        });

        for (var i = 0; i < 3; i++) guard.Refused("user-9", "a chat message: too fast");
        Assert.False(guard.Ended);
        guard.Refused("user-9", "a chat message: too fast");
        guard.Refused("user-9", "a chat message: too fast");

        var ended = await EndedAsync(guard);
        await terminated.Task.WaitAsync(TimeSpan.FromSeconds(30), TestContext.Current.CancellationToken);
        Assert.Contains("4 refused requests", ended.Reason);
        Assert.Contains("too fast", ended.Reason);
        Assert.Equal(1, Volatile.Read(ref terminations));
        Assert.Single(logs.Entries, e => e.Level == LogLevel.Warning && e.Message.StartsWith("Ending circuit c-1 of user user-9:", StringComparison.Ordinal));
    }

    [Fact]
    public void Refusals_older_than_the_window_no_longer_count()
    {
        var guard = Guard(new CircuitGuardOptions { MaxRefusals = 1, RefusalWindow = TimeSpan.FromMilliseconds(1) });

        guard.Refused("user-9", "one");
        Thread.Sleep(20);
        guard.Refused("user-9", "two");

        Assert.False(guard.Ended);
    }

    [Fact]
    public async Task An_id_of_another_script_ends_the_circuit_at_once_unless_the_policy_only_counts_it()
    {
        var strict = Guard(new CircuitGuardOptions());
        strict.ForeignId("user-9", "an edit naming another script's paragraphs");
        Assert.Contains("another script", (await EndedAsync(strict)).Reason);

        var lenient = Guard(new CircuitGuardOptions { EndOnForeignIds = false, MaxRefusals = 5 });
        lenient.ForeignId("user-9", "an edit naming another script's paragraphs");
        Assert.False(lenient.Ended);
    }

    [Fact]
    public async Task A_flood_of_messages_past_the_burst_ends_the_circuit_and_every_later_message_is_refused_by_the_handler()
    {
        var guard = Guard(new CircuitGuardOptions { InboundPerSecond = 1, InboundBurst = 50 });
        var handler = new CircuitGuardHandler(guard, new AnonymousState());
        var passed = 0;
        var dispatch = handler.CreateInboundActivityHandler(_ => { passed++; return Task.CompletedTask; });

        Exception? refused = null;
        for (var i = 0; i < 200 && refused is null; i++)
        {
            try { await dispatch(null!); }
            catch (CircuitEndedException e) { refused = e; }
        }

        Assert.InRange(passed, 50, 52);
        Assert.Contains("messages a second", Assert.IsType<CircuitEndedException>(refused).Reason);
        Assert.Contains("messages a second", (await EndedAsync(guard)).Reason);
        // Once ended, nothing from this browser reaches the app again: the framework fails the dispatch and drops the circuit.
        var before = passed;
        await Assert.ThrowsAsync<CircuitEndedException>(() => dispatch(null!));
        Assert.Equal(before, passed);
        Assert.Contains(logs.Entries, e => e.Message.StartsWith("Ending circuit c-1 of user user-1", StringComparison.Ordinal));
    }

    private sealed class AnonymousState : AuthenticationStateProvider
    {
        public override Task<AuthenticationState> GetAuthenticationStateAsync() =>
            Task.FromResult(new AuthenticationState(new System.Security.Claims.ClaimsPrincipal()));
    }
}
