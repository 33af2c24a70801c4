namespace WritersRoom.Web.Scripts;

/// <summary>
/// A short original screenplay for a writer with no scripts yet. It ships inside the assembly, so every
/// instance has it without files beside the binaries, and it goes in through the ordinary Fountain import.
/// </summary>
public static class SampleScript
{
    public const string FileName = "sample.fountain";
    private const string ResourceName = "WritersRoom.Web.Samples.sample.fountain";

    public static Stream Open() =>
        typeof(SampleScript).Assembly.GetManifestResourceStream(ResourceName)
        ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");

    public static async Task<Guid> ImportAsync(FountainImport import, string ownerId, CancellationToken ct = default)
    {
        await using var stream = Open();
        return await import.ImportAsync(stream, FileName, ownerId, ct);
    }
}
