namespace WritersRoom.Web.Scripts;

/// <summary>
/// The original import entry point, kept for its callers: it now takes Final Draft files too (by extension)
/// through <see cref="ScriptFileImport"/>. Never a half-imported script; errors are <see cref="ImportException"/>.
/// </summary>
public sealed class FountainImport(ScriptFileImport import)
{
    public const long MaxBytes = ScriptFileReader.MaxFountainBytes;

    public Task<Guid> ImportAsync(Stream content, string fileName, string ownerId, CancellationToken ct = default) =>
        import.ImportAsync(content, fileName, ownerId, progress: null, ct);

    /// <summary>Reads at most <see cref="MaxBytes"/> and insists on text: a binary or mis-encoded file is refused.</summary>
    public static async Task<string> ReadTextAsync(Stream content, CancellationToken ct) =>
        (await ScriptFileReader.ReadTextAsync(content, ct)).Text;
}

public sealed class ImportException(string message) : Exception(message);
