namespace WritersRoom.TestSupport;

/// <summary>What ./test.sh exports for the tests, with the embedded defaults when a test runs on its own.</summary>
public static class TestEnvironment
{
    public static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("WR_TEST_PG")
        ?? "Host=127.0.0.1;Port=55432;Database=postgres;Username=writersroom;Password=writersroom";

    public static string? Redis => Environment.GetEnvironmentVariable("WR_TEST_REDIS");

    public static string Chromium => Environment.GetEnvironmentVariable("WR_CHROMIUM") ?? "/usr/bin/chromium";

    /// <summary>The repository root: the folder holding WritersRoom.sln.</summary>
    public static string RepoRoot { get; } = FindRepoRoot();

    /// <summary>../shared/fixtures beside the repository (screenplays for tests).</summary>
    public static string FixturesDir =>
        Environment.GetEnvironmentVariable("WR_FIXTURES") is { Length: > 0 } dir && Directory.Exists(dir)
            ? dir
            : Path.GetFullPath(Path.Combine(RepoRoot, "..", "shared", "fixtures"));

    public static string Fixture(string name) => Path.Combine(FixturesDir, name);

    private static string FindRepoRoot()
    {
        if (Environment.GetEnvironmentVariable("WR_REPO") is { Length: > 0 } repo) return repo;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WritersRoom.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException("Cannot find WritersRoom.sln above " + AppContext.BaseDirectory);
    }
}
