using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using WritersRoom.TestSupport;

namespace WritersRoom.Browser.Tests.Infrastructure;

/// <summary>
/// The real app, built by ./test.sh, run as a child process on a free loopback port against a test database.
/// A process (not an in-memory host) so that a test can kill and restart the server as a deployment would.
/// </summary>
public sealed class AppProcess(string connectionString, IReadOnlyDictionary<string, string>? settings = null) : IAsyncDisposable
{
    private Process? process;
    private readonly StringBuilder output = new();

    public int Port { get; } = FreePort();
    public Uri BaseUri => new($"http://127.0.0.1:{Port}/");
    public string Output { get { lock (output) return output.ToString(); } }

    public async Task StartAsync(CancellationToken ct = default)
    {
        var webDir = Path.Combine(TestEnvironment.RepoRoot, "WritersRoom.Web");
        var dll = Path.Combine(webDir, "bin", "Debug", "net10.0", "WritersRoom.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"{dll} is missing: build the solution first (./test.sh does).");

        var info = new ProcessStartInfo("dotnet", [dll])
        {
            WorkingDirectory = webDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        // Development: the build output serves blazor.web.js only there (see MACHINE-NOTES.md).
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        info.Environment["ASPNETCORE_URLS"] = BaseUri.ToString().TrimEnd('/');
        info.Environment["ConnectionStrings__WritersRoom"] = connectionString;
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>()) info.Environment[key] = value;

        process?.Dispose(); // a restart after KillAsync
        process = Process.Start(info) ?? throw new InvalidOperationException("Could not start the app.");
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilAnsweringAsync(ct);
    }

    private async Task WaitUntilAnsweringAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (process!.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}:\n{Output}");
            try
            {
                var response = await http.GetAsync(new Uri(BaseUri, "login"), ct);
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested) { }
            await Task.Delay(200, ct);
        }
        throw new TimeoutException($"The app did not answer within 60 s:\n{Output}");
    }

    /// <summary>Ends the process the hard way (SIGKILL), as a crash would.</summary>
    public async Task KillAsync()
    {
        if (process is null || process.HasExited) return;
        process.Kill(entireProcessTree: true);
        await process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        process?.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
