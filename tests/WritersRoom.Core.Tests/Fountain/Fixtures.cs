namespace WritersRoom.Core.Tests.Fountain;

/// <summary>
/// Finds the shared fixture scripts: <c>WR_FIXTURES</c> if set, else <c>shared/fixtures</c> beside the
/// repository (the directory holding WritersRoom.sln), found by walking up from the test binaries.
/// </summary>
internal static class Fixtures
{
    private static readonly Lazy<string> Directory = new(Locate);

    public static string Path(string fileName) => System.IO.Path.Combine(Directory.Value, fileName);

    public static string Read(string fileName) => File.ReadAllText(Path(fileName));

    public static IEnumerable<string> FountainFiles() =>
        System.IO.Directory.GetFiles(Directory.Value, "*.fountain").Select(System.IO.Path.GetFileName).OfType<string>().Order();

    private static string Locate()
    {
        var fromEnvironment = Environment.GetEnvironmentVariable("WR_FIXTURES");
        if (!string.IsNullOrEmpty(fromEnvironment))
            return fromEnvironment;

        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var beside = System.IO.Path.Combine(dir.FullName, "shared", "fixtures");
            if (System.IO.Directory.Exists(beside))
                return beside;

            if (File.Exists(System.IO.Path.Combine(dir.FullName, "WritersRoom.sln")))
            {
                var sibling = System.IO.Path.Combine(dir.FullName, "..", "shared", "fixtures");
                if (System.IO.Directory.Exists(sibling))
                    return System.IO.Path.GetFullPath(sibling);
            }
        }

        throw new DirectoryNotFoundException(
            $"No shared/fixtures directory above {AppContext.BaseDirectory}; set WR_FIXTURES to the fixtures folder.");
    }
}
