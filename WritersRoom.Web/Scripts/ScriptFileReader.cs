using System.Text;
using WritersRoom.Core.Fdx;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Scripts;

/// <summary>A screenplay file read into the model, with its format and what the import had to approximate.</summary>
public sealed record ScriptFileContent(string Format, ParsedScreenplay Screenplay, IReadOnlyList<ImportWarning> Warnings);

/// <summary>
/// Reads an uploaded or local screenplay file, choosing the format by extension: .fountain, .spmd and .txt
/// are Fountain (5 MB; UTF-8, UTF-16 or Windows-1252, see <see cref="ScriptTextDecoder"/>), .fdx is Final Draft (10 MB, safe XML). Every failure is an
/// <see cref="ImportException"/> with a message for the writer, never a crash.
/// </summary>
public static class ScriptFileReader
{
    public const long MaxFountainBytes = 5 * 1024 * 1024;

    /// <summary>The largest file of any format we accept (Final Draft's limit; Fountain's is checked on reading).</summary>
    public const long MaxUploadBytes = FdxSizeLimit;

    private static readonly string[] FountainExtensions = [".fountain", ".spmd", ".txt"];

    public static bool IsSupported(string fileName) => FormatOf(fileName) is not null;

    public static string? FormatOf(string fileName)
    {
        var extension = Path.GetExtension(fileName).ToLowerInvariant();
        if (FountainExtensions.Contains(extension)) return "fountain";
        return extension == ".fdx" ? "fdx" : null;
    }

    public static async Task<ScriptFileContent> ReadAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        switch (FormatOf(fileName))
        {
            case "fountain":
                var (text, fellBack) = await ReadTextAsync(content, ct);
                var warnings = FountainWarnings.Scan(text).ToList();
                if (fellBack)
                    warnings.Insert(0, new ImportWarning(null, "The file is not UTF-8; it was read as Windows-1252 (Western European, Latin-1). Check accented letters and quotes."));
                return new ScriptFileContent("fountain", FountainParser.Parse(text), warnings);
            case "fdx":
                var bytes = await ReadBytesAsync(content, FdxSizeLimit, "Final Draft ", ct);
                try
                {
                    var import = FdxReader.Read(bytes);
                    return new ScriptFileContent("fdx", import.Screenplay, import.Warnings);
                }
                catch (FdxFormatException e)
                {
                    throw new ImportException(e.Message);
                }
            default:
                throw new ImportException($"{Path.GetFileName(fileName)} is not a screenplay file we read: use .fountain, .spmd, .txt or .fdx.");
        }
    }

    private const long FdxSizeLimit = 10 * 1024 * 1024;

    /// <summary>Reads at most <see cref="MaxFountainBytes"/> and insists on text: a binary file is refused.</summary>
    public static async Task<(string Text, bool Windows1252)> ReadTextAsync(Stream content, CancellationToken ct) =>
        ScriptTextDecoder.Decode(await ReadBytesAsync(content, MaxFountainBytes, "", ct));

    /// <summary>Stops reading as soon as the limit is passed, so a 50 MB upload costs no more than the limit.</summary>
    private static async Task<byte[]> ReadBytesAsync(Stream content, long limit, string kind, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await content.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
                throw new ImportException($"The file is larger than the {limit / (1024 * 1024)} MB limit for {kind}scripts.");
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }
}
