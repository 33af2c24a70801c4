namespace WritersRoom.Deploy.Tests.Infrastructure;

/// <summary>
/// The app published to a temporary folder, once per test run: the entrypoint runs published output (the build
/// output in Production cannot serve blazor.web.js, see MACHINE-NOTES.md). It publishes the build ./test.sh
/// already made (--no-build), which takes seconds rather than the minute of a full publish.
/// </summary>
internal static class PublishedApp
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    private static readonly Lazy<Task<string>> Folder = new(PublishAsync);

    public static Task<string> GetAsync() => Folder.Value;

    private static async Task<string> PublishAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), "wr-deploy-app-" + Guid.NewGuid().ToString("N")[..8]);
        var project = Path.Combine(TestSupport.TestEnvironment.RepoRoot, "WritersRoom.Web", "WritersRoom.Web.csproj");
        var result = await Shell.RunAsync("dotnet",
            ["publish", project, "-c", Configuration, "--no-build", "-o", dir, "-nologo", "-tl:off"], timeout: TimeSpan.FromMinutes(5));
        if (result.ExitCode != 0) throw new InvalidOperationException($"dotnet publish failed ({result.ExitCode}):\n{result.Output}");
        AppDomain.CurrentDomain.ProcessExit += (_, _) => { try { Directory.Delete(dir, recursive: true); } catch (IOException) { } };
        return dir;
    }
}
