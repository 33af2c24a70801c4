using System.Text;
using WritersRoom.Core.Pdf;
using WritersRoom.Core.Reports;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data;
using WritersRoom.Data.Scripts;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Formats;

/// <summary>A file to download.</summary>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>A script's reports, for the reports page.</summary>
public sealed record ScriptReportView(string Title, ScriptReport Report);

/// <summary>
/// Exports and reports of a stored script, for members only: the role is checked here, on the server (on the primary),
/// so a forged id reads as "not found" whatever the page did. Reports (the page and the CSV files) read the
/// read-only database, a replica when one is configured; the script files themselves read the primary, so an export
/// holds every committed edit.
/// </summary>
public sealed class ScriptExports(ScriptAccess access, ScriptDocumentLoader loader, ScreenplayExporter exporter, ReadOnlyDatabase readOnly)
{
    private readonly ScriptDocumentLoader reportLoader = readOnly.IsReplica ? new ScriptDocumentLoader(readOnly.Factory) : loader;

    public static readonly string[] Formats = ["fountain", "fdx", "pdf", "json", "csv-scenes", "csv-characters", "csv-locations"];

    /// <summary>Null when the caller is not a member or the script does not exist.</summary>
    public async Task<ExportFile?> ExportAsync(string userId, Guid scriptId, string format, PdfLayoutOptions? pdf = null, CancellationToken ct = default)
    {
        var report = format.StartsWith("csv-", StringComparison.OrdinalIgnoreCase);
        var loaded = await LoadAsync(userId, scriptId, report ? reportLoader : loader, ct);
        if (loaded is not { } script) return null;
        var name = FileName(script.Title);

        if (report)
        {
            var built = ScriptReport.Build(script.Screenplay);
            var (csv, suffix) = format.ToLowerInvariant() switch
            {
                "csv-scenes" => (Csv.Scenes(built), "scenes"),
                "csv-characters" => (Csv.Characters(built), "characters"),
                "csv-locations" => (Csv.Locations(built), "locations"),
                _ => throw new ArgumentException($"Unknown export format '{format}'.", nameof(format)),
            };
            // A BOM makes Excel read the file as UTF-8, so accented names survive.
            return new ExportFile(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", $"{name}-{suffix}.csv");
        }

        if (!ExportFormats.TryParse(format, out var exportFormat))
            throw new ArgumentException($"Unknown export format '{format}'.", nameof(format));
        using var output = new MemoryStream();
        await exporter.WriteAsync(script.Screenplay, exportFormat, output, pdf, ct);
        return new ExportFile(output.ToArray(), exportFormat.ContentType(), name + exportFormat.Extension());
    }

    public async Task<ScriptReportView?> ReportAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(userId, scriptId, reportLoader, ct);
        return loaded is { } script ? new ScriptReportView(script.Title, ScriptReport.Build(script.Screenplay)) : null;
    }

    private async Task<(string Title, ParsedScreenplay Screenplay)?> LoadAsync(string userId, Guid scriptId, ScriptDocumentLoader from,
        CancellationToken ct)
    {
        if (await access.GetRoleAsync(userId, scriptId, ct) is null) return null;
        var document = await from.LoadAsync(scriptId, ct);
        return document is null ? null : (document.Script.Title, document.ToScreenplay());
    }

    /// <summary>The title as a safe file name: letters, digits, spaces, dashes.</summary>
    public static string FileName(string title)
    {
        var safe = new string(title.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '-').ToArray()).Trim(' ', '-');
        return safe.Length == 0 ? "script" : safe.Length > 80 ? safe[..80] : safe;
    }
}
