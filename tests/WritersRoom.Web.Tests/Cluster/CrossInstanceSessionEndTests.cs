// Each call here is short and bounded; the cluster (disposed per test) is what stops work, not a token.
#pragma warning disable xUnit1051
using Microsoft.Extensions.DependencyInjection;
using WritersRoom.Web.Accounts;

namespace WritersRoom.Web.Tests.Cluster;

/// <summary>Sessions an admin ends on one instance end on the others at once: their cookies and their live circuits.</summary>
public sealed class CrossInstanceSessionEndTests : IAsyncLifetime
{
    private readonly InstanceCluster cluster = new();

    public ValueTask InitializeAsync() => cluster.InitializeAsync();
    public ValueTask DisposeAsync() => cluster.DisposeAsync();

    private Task<Instance> StartAsync() => cluster.StartAsync(configure: b => b.Services.AddSingleton<SessionEndings>());

    [Fact]
    public async Task Sessions_ended_on_one_instance_refuse_that_cookie_and_tell_the_live_circuits_on_the_other()
    {
        var a = await StartAsync();
        var b = await StartAsync();
        var onA = a.Services.GetRequiredService<SessionEndings>();
        var onB = b.Services.GetRequiredService<SessionEndings>();
        // Both instances are listening once a first message crosses (subscribing does not hold up start-up).
        await Eventually.TrueAsync(() =>
        {
            onA.End("warm-up", "warm-up");
            return onB.HasEnded("warm-up", "warm-up");
        }, "instance B hears instance A");
        var told = 0;
        using var circuit = onB.Watch("writer-1", () => Interlocked.Increment(ref told));
        using var otherCircuit = onB.Watch("writer-2", () => Assert.Fail("another account's circuit was told"));

        onA.End("writer-1", "stamp-before");

        await Eventually.TrueAsync(() => Volatile.Read(ref told) == 1, "the circuit of writer-1 on instance B is told");
        Assert.True(onB.HasEnded("writer-1", "stamp-before"));
        // A cookie issued after the end (a new sign-in) carries the new stamp: it works.
        Assert.False(onB.HasEnded("writer-1", "stamp-after"));
        Assert.False(onB.HasEnded("writer-2", "stamp-before"));
    }
}
