using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;

namespace WritersRoom.Deploy.Tests.Infrastructure;

/// <summary>Runs the deploy scripts and other commands as child processes, as an operator would.</summary>
internal static class Shell
{
    public sealed record Result(int ExitCode, string Output);

    public static ProcessStartInfo Info(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null, string? cwd = null)
    {
        var info = new ProcessStartInfo(file, args)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? TestSupport.TestEnvironment.RepoRoot,
        };
        // A connection string inherited from ./test.sh's caller would redirect the scripts to another database.
        info.Environment.Remove("ConnectionStrings__WritersRoom");
        foreach (var (key, value) in env ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }
        return info;
    }

    public static async Task<Result> RunAsync(string file, IEnumerable<string> args, IReadOnlyDictionary<string, string?>? env = null,
        TimeSpan? timeout = null, CancellationToken ct = default)
    {
        using var process = Process.Start(Info(file, args, env)) ?? throw new InvalidOperationException($"cannot start {file}");
        var output = new StringBuilder();
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (output) output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout ?? TimeSpan.FromMinutes(5));
        try
        {
            await process.WaitForExitAsync(limit.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} {string.Join(' ', args)} did not finish:\n{output}");
        }
        lock (output) return new Result(process.ExitCode, output.ToString());
    }

    public const int SigTerm = 15;

    /// <summary>Sends a signal to one process (the one this test started), as `docker stop` does to PID 1.</summary>
    public static void Signal(int pid, int signal)
    {
        if (Kill(pid, signal) != 0) throw new InvalidOperationException($"kill({pid}, {signal}) failed: errno {Marshal.GetLastPInvokeError()}");
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
