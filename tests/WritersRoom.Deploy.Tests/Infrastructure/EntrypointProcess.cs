using System.Diagnostics;
using System.Net;
using System.Text;

namespace WritersRoom.Deploy.Tests.Infrastructure;

/// <summary>deploy/entrypoint.sh run on this machine, as the image runs it: one data folder, one port.</summary>
internal sealed class EntrypointProcess(string dataDir, string appDir) : IAsyncDisposable
{
    private Process? process;
    private readonly StringBuilder output = new();

    public int Port { get; } = Ports.Free();
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");
    public string Output { get { lock (output) return output.ToString(); } }
    public string PostgresLog => Path.Combine(dataDir, "postgres-run", "postgres.log");

    public void Start(IReadOnlyDictionary<string, string?>? extra = null)
    {
        var env = new Dictionary<string, string?>
        {
            ["WR_DATA"] = dataDir,
            ["WR_APP_DIR"] = appDir,
            ["ASPNETCORE_URLS"] = BaseUri.ToString().TrimEnd('/'),
            ["ASPNETCORE_ENVIRONMENT"] = null, // the entrypoint's default: Production
            ["Logging__LogLevel__Default"] = "Warning",
            ["Logging__LogLevel__Microsoft.Hosting.Lifetime"] = "Information",
            ["Logging__LogLevel__Microsoft.EntityFrameworkCore.Migrations"] = "Information",
        };
        foreach (var (k, v) in extra ?? new Dictionary<string, string?>()) env[k] = v;
        var script = Path.Combine(TestSupport.TestEnvironment.RepoRoot, "deploy", "entrypoint.sh");
        lock (output) output.Clear();
        process = Process.Start(Shell.Info(script, [], env)) ?? throw new InvalidOperationException("cannot start entrypoint.sh");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    /// <summary>Waits until /readyz answers 200 (or, while the app has no /readyz, /login does), as the health check does.</summary>
    public async Task WaitUntilReadyAsync(TimeSpan limit, CancellationToken ct)
    {
        using var http = new HttpClient { BaseAddress = BaseUri, Timeout = TimeSpan.FromSeconds(3) };
        var deadline = DateTime.UtcNow + limit;
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited) throw new InvalidOperationException($"entrypoint.sh exited with {process.ExitCode}:\n{Output}");
            try
            {
                var ready = await http.GetAsync("readyz", ct);
                if (ready.StatusCode == HttpStatusCode.OK) return;
                if (ready.StatusCode == HttpStatusCode.NotFound && (await http.GetAsync("login", ct)).StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"not ready within {limit}:\n{Output}");
    }

    /// <summary>SIGTERM to the entrypoint (PID 1 in a container), then its exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan limit, CancellationToken ct)
    {
        Shell.Signal(process!.Id, Shell.SigTerm);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(limit);
        await process.WaitForExitAsync(timeout.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (process is { HasExited: false })
        {
            // A failed test must not leave the app or its cluster running: stop it the polite way first.
            Shell.Signal(process.Id, Shell.SigTerm);
            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            try { await process.WaitForExitAsync(wait.Token); }
            catch (OperationCanceledException) { process.Kill(entireProcessTree: true); }
        }
        process?.Dispose();
    }
}
