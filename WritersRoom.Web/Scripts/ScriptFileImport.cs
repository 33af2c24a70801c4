using WritersRoom.Core.Reports;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Scripts;

namespace WritersRoom.Web.Scripts;

public sealed record PreviewScene(string Number, string Heading, string Length, int Page);

public sealed record PreviewCharacter(string Name, int Speeches, int Scenes);

/// <summary>What an import would create, shown before anything is written.</summary>
public sealed record ImportPreview(string Format, string Title, int Paragraphs, int Pages,
    IReadOnlyList<PreviewScene> Scenes, IReadOnlyList<PreviewCharacter> Characters, IReadOnlyList<ImportWarning> Warnings);

public enum ImportStage { Reading, Parsing, Saving, Done }

/// <summary>For a progress bar: the stage and the overall fraction done.</summary>
public readonly record struct ImportProgress(ImportStage Stage, double Fraction);

/// <summary>
/// Imports a Fountain or Final Draft file (chosen by extension) as a new script, or previews it without
/// writing. The save is one transaction (<see cref="ScriptImporter"/>): a failure leaves nothing behind.
/// </summary>
public sealed class ScriptFileImport(ScriptImporter importer, ILogger<ScriptFileImport> log)
{
    public async Task<ImportPreview> PreviewAsync(Stream content, string fileName, CancellationToken ct = default)
    {
        var file = await ReadAsync(content, fileName, null, ct);
        // Pagination of a feature takes tens of milliseconds; off the caller's thread all the same.
        var report = await Task.Run(() => ScriptReport.Build(file.Screenplay), ct);
        var warnings = file.Warnings.ToList();
        if (report.Scenes.Count == 0)
            warnings.Add(new ImportWarning(null, "No scene headings were found: the script will be one long scene. Headings start with INT. or EXT. (or a '.' in Fountain)."));

        return new ImportPreview(file.Format, TitleOf(file.Screenplay, fileName), file.Screenplay.Elements.Count,
            Core.Pdf.Paginator.Paginate(file.Screenplay).Pages.Count,
            report.Scenes.Select(s => new PreviewScene(s.Number, s.Heading, s.Length, s.Page)).ToList(),
            report.Characters.Select(c => new PreviewCharacter(c.Name, c.Speeches, c.Scenes)).ToList(),
            warnings);
    }

    public async Task<Guid> ImportAsync(Stream content, string fileName, string ownerId, IProgress<ImportProgress>? progress = null, CancellationToken ct = default)
    {
        var file = await ReadAsync(content, fileName, progress, ct);
        progress?.Report(new ImportProgress(ImportStage.Saving, 0.6));
        // The importer prefers the title page's title; the file name is the fallback.
        var id = await importer.ImportAsync(file.Screenplay, FallbackTitle(fileName), ownerId, ct);
        progress?.Report(new ImportProgress(ImportStage.Done, 1));
        log.LogInformation("Imported {File} ({Format}) as script {ScriptId}: {Count} paragraphs", fileName, file.Format, id, file.Screenplay.Elements.Count);
        return id;
    }

    private static async Task<ScriptFileContent> ReadAsync(Stream content, string fileName, IProgress<ImportProgress>? progress, CancellationToken ct)
    {
        progress?.Report(new ImportProgress(ImportStage.Reading, 0));
        var file = await ScriptFileReader.ReadAsync(content, fileName, ct);
        progress?.Report(new ImportProgress(ImportStage.Parsing, 0.5));
        if (file.Screenplay.Elements.Count == 0)
            throw new ImportException($"{Path.GetFileName(fileName)} has no screenplay text in it.");
        return file;
    }

    private static string TitleOf(ParsedScreenplay screenplay, string fileName) =>
        screenplay.Title is { } title && !string.IsNullOrWhiteSpace(title)
            ? string.Join(' ', Core.Fountain.FountainEmphasis.ToPlain(title).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            : FallbackTitle(fileName);

    private static string FallbackTitle(string fileName)
    {
        var fallback = Path.GetFileNameWithoutExtension(fileName);
        return string.IsNullOrWhiteSpace(fallback) ? "Untitled" : fallback;
    }
}
