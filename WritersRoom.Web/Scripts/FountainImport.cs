using System.Text;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Scripts;

namespace WritersRoom.Web.Scripts;

/// <summary>Turns an uploaded file into a new script, or a clear reason why not; never a half-imported script.</summary>
public sealed class FountainImport(ScriptImporter importer, ILogger<FountainImport> log)
{
    public const long MaxBytes = 5 * 1024 * 1024;

    public async Task<Guid> ImportAsync(Stream content, string fileName, string ownerId, CancellationToken ct = default)
    {
        var text = await ReadTextAsync(content, ct);
        var screenplay = FountainParser.Parse(text);
        if (screenplay.Elements.Count == 0)
            throw new ImportException($"{fileName} has no screenplay text in it.");

        var fallbackTitle = Path.GetFileNameWithoutExtension(fileName);
        var id = await importer.ImportAsync(screenplay, string.IsNullOrWhiteSpace(fallbackTitle) ? "Untitled" : fallbackTitle, ownerId, ct);
        log.LogInformation("Imported {File} as script {ScriptId}: {Count} paragraphs", fileName, id, screenplay.Elements.Count);
        return id;
    }

    /// <summary>Reads at most <see cref="MaxBytes"/> and insists on text: a binary or mis-encoded file is refused.</summary>
    public static async Task<string> ReadTextAsync(Stream content, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBytes)
                throw new ImportException($"The file is larger than the {MaxBytes / (1024 * 1024)} MB limit.");
            buffer.Write(chunk, 0, read);
        }

        var bytes = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        if (bytes.IndexOf((byte)0) >= 0)
            throw new ImportException("This looks like a binary file, not a Fountain screenplay (plain text).");
        try
        {
            return new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            // Older tools save Windows-1252; Latin-1 keeps every byte, so accented names survive.
            return Encoding.Latin1.GetString(bytes);
        }
    }
}

public sealed class ImportException(string message) : Exception(message);
