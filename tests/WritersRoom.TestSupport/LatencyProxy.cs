using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Npgsql;

namespace WritersRoom.TestSupport;

/// <summary>
/// A TCP proxy on loopback in front of the database that holds every chunk a client sends for <see cref="Delay"/>
/// before passing it on (replies pass at once): each round trip takes that much longer, as with a distant or
/// overloaded server. Chunks keep their order and are delayed from their arrival, not one after another, so
/// pipelined messages are not slowed more than a round trip. A new delay applies to chunks arriving after it is set.
/// </summary>
public sealed class LatencyProxy : IAsyncDisposable
{
    private readonly TcpListener listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource stop = new();
    private readonly ConcurrentDictionary<Task, byte> pumps = new();
    private readonly string upstreamHost;
    private readonly int upstreamPort;
    private readonly Task accepting;
    private long delayTicks;
    private int accepted;

    private LatencyProxy(string upstreamHost, int upstreamPort)
    {
        this.upstreamHost = upstreamHost;
        this.upstreamPort = upstreamPort;
        listener.Start();
        accepting = AcceptAsync();
    }

    /// <summary>A proxy in front of the server of <paramref name="connectionString"/>.</summary>
    public static LatencyProxy For(string connectionString)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        return new LatencyProxy(target.Host ?? "127.0.0.1", target.Port);
    }

    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public TimeSpan Delay
    {
        get => TimeSpan.FromTicks(Interlocked.Read(ref delayTicks));
        set => Interlocked.Exchange(ref delayTicks, value.Ticks);
    }

    /// <summary>Client connections accepted so far (physical connections, plus Npgsql's cancel requests).</summary>
    public int Accepted => Volatile.Read(ref accepted);

    /// <summary><paramref name="connectionString"/> pointed at the proxy instead of the server.</summary>
    public string Through(string connectionString) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Host = "127.0.0.1", Port = Port }.ConnectionString;

    private async Task AcceptAsync()
    {
        while (!stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            Interlocked.Increment(ref accepted);
            var pump = RelayAsync(client);
            pumps.TryAdd(pump, 0);
            _ = pump.ContinueWith(t => pumps.TryRemove(t, out _), TaskScheduler.Default);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var _ = client;
        using var server = new TcpClient();
        try
        {
            await server.ConnectAsync(upstreamHost, upstreamPort, stop.Token);
            client.NoDelay = server.NoDelay = true;
            using var done = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
            var up = ForwardDelayedAsync(client.GetStream(), server.GetStream(), done.Token);
            var down = server.GetStream().CopyToAsync(client.GetStream(), done.Token);
            await Task.WhenAny(up, down);
            // Either side closing ends both: the other sees its peer go, as with a real server.
            await done.CancelAsync();
            await Task.WhenAll(up.ContinueWith(_ => { }, TaskScheduler.Default), down.ContinueWith(_ => { }, TaskScheduler.Default));
        }
        catch (Exception e) when (e is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
        }
    }

    private async Task ForwardDelayedAsync(NetworkStream from, NetworkStream to, CancellationToken ct)
    {
        var chunks = Channel.CreateUnbounded<(byte[] Data, long Due)>(new UnboundedChannelOptions { SingleReader = true, SingleWriter = true });
        var writer = Task.Run(async () =>
        {
            await foreach (var (data, due) in chunks.Reader.ReadAllAsync(ct))
            {
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), due);
                if (wait > TimeSpan.Zero) await Task.Delay(wait, ct);
                await to.WriteAsync(data, ct);
            }
        }, ct);
        var buffer = new byte[64 * 1024];
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, ct)) > 0)
                chunks.Writer.TryWrite((buffer[..n], Stopwatch.GetTimestamp() + (long)(Delay.TotalSeconds * Stopwatch.Frequency)));
        }
        finally
        {
            // What the client sent before it closed (its Terminate message) still arrives, late like the rest.
            chunks.Writer.TryComplete();
        }
        await writer;
    }

    public async ValueTask DisposeAsync()
    {
        await stop.CancelAsync();
        listener.Stop();
        await accepting;
        await Task.WhenAll(pumps.Keys);
        stop.Dispose();
    }
}
