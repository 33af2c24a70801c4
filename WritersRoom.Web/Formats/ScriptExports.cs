using System.Text;
using WritersRoom.Core.Pdf;
using WritersRoom.Core.Reports;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Scripts;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Formats;

/// <summary>A file to download.</summary>
public sealed record ExportFile(byte[] Content, string ContentType, string FileName);

/// <summary>A script's reports, for the reports page.</summary>
public sealed record ScriptReportView(string Title, ScriptReport Report);

/// <summary>
/// Exports and reports of a stored script, for members only: the role is checked here, on the server, so a
/// forged id reads as "not found" whatever the page did.
/// </summary>
public sealed class ScriptExports(ScriptAccess access, ScriptDocumentLoader loader, ScreenplayExporter exporter)
{
    public static readonly string[] Formats = ["fountain", "fdx", "pdf", "json", "csv-scenes", "csv-characters", "csv-locations"];

    /// <summary>Null when the caller is not a member or the script does not exist.</summary>
    public async Task<ExportFile?> ExportAsync(string userId, Guid scriptId, string format, PdfLayoutOptions? pdf = null, CancellationToken ct = default)
    {
        var loaded = await LoadAsync(userId, scriptId, ct);
        if (loaded is not { } script) return null;
        var name = FileName(script.Title);

        if (format.StartsWith("csv-", StringComparison.OrdinalIgnoreCase))
        {
            var report = ScriptReport.Build(script.Screenplay);
            var (csv, suffix) = format.ToLowerInvariant() switch
            {
                "csv-scenes" => (Csv.Scenes(report), "scenes"),
                "csv-characters" => (Csv.Characters(report), "characters"),
                "csv-locations" => (Csv.Locations(report), "locations"),
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
        var loaded = await LoadAsync(userId, scriptId, ct);
        return loaded is { } script ? new ScriptReportView(script.Title, ScriptReport.Build(script.Screenplay)) : null;
    }

    private async Task<(string Title, ParsedScreenplay Screenplay)?> LoadAsync(string userId, Guid scriptId, CancellationToken ct)
    {
        if (await access.GetRoleAsync(userId, scriptId, ct) is null) return null;
        var document = await loader.LoadAsync(scriptId, ct);
        return document is null ? null : (document.Script.Title, document.ToScreenplay());
    }

    /// <summary>The title as a safe file name: letters, digits, spaces, dashes.</summary>
    public static string FileName(string title)
    {
        var safe = new string(title.Select(c => char.IsLetterOrDigit(c) || c is ' ' or '-' or '_' ? c : '-').ToArray()).Trim(' ', '-');
        return safe.Length == 0 ? "script" : safe.Length > 80 ? safe[..80] : safe;
    }
}
