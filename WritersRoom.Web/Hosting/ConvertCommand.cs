using WritersRoom.Core.Pdf;
using WritersRoom.Web.Formats;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Hosting;

/// <summary>
/// <c>convert INPUT --to json|fountain|fdx|pdf [--out FILE] [--scene-numbers]</c>: read a screenplay
/// (.fountain, .spmd, .txt or .fdx, by extension) and write it in another format, without starting the server.
/// PDF goes to --out, or to standard output when that is redirected (never as binary onto a terminal).
/// </summary>
public static class ConvertCommand
{
    private const string Usage = "usage: convert INPUT --to json|fountain|fdx|pdf [--out FILE] [--scene-numbers]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? input = null, to = null, output = null;
        var sceneNumbers = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--to" when i + 1 < args.Length: to = args[++i]; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case "--scene-numbers": sceneNumbers = true; break;
                case var a when !a.StartsWith("--") && input is null: input = a; break;
                default:
                    await Console.Error.WriteLineAsync($"convert: unexpected argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }
        if (input is null || to is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        if (!ExportFormats.TryParse(to, out var format))
        {
            await Console.Error.WriteLineAsync($"convert: unknown target format '{to}' (supported: json, fountain, fdx, pdf)");
            return 2;
        }
        if (!ScriptFileReader.IsSupported(input))
        {
            await Console.Error.WriteLineAsync($"convert: cannot tell the format of {input}: use .fountain, .spmd, .txt or .fdx");
            return 2;
        }
        if (!File.Exists(input))
        {
            await Console.Error.WriteLineAsync($"convert: {input} does not exist");
            return 1;
        }
        if (format == ExportFormat.Pdf && output is null && !Console.IsOutputRedirected)
        {
            await Console.Error.WriteLineAsync("convert: PDF is binary: give --out FILE or redirect standard output");
            return 2;
        }

        try
        {
            ScriptFileContent content;
            await using (var stream = File.OpenRead(input))
                content = await ScriptFileReader.ReadAsync(stream, input);
            foreach (var warning in content.Warnings)
                await Console.Error.WriteLineAsync($"convert: warning: {warning}");

            var exporter = new ScreenplayExporter(new PdfRenderer(new ScriptFonts()));
            var options = new PdfLayoutOptions { SceneNumbers = sceneNumbers };
            if (output is null)
            {
                await using var stdout = Console.OpenStandardOutput();
                await exporter.WriteAsync(content.Screenplay, format, stdout, options);
            }
            else
            {
                // Write beside the target and move into place, so a failure never leaves half a file.
                var temporary = output + ".partial";
                await using (var file = File.Create(temporary))
                    await exporter.WriteAsync(content.Screenplay, format, file, options);
                File.Move(temporary, output, overwrite: true);
            }
            return 0;
        }
        catch (ImportException e)
        {
            await Console.Error.WriteLineAsync($"convert: {e.Message}");
            return 1;
        }
    }
}
