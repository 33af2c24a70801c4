using System.Text;
using WritersRoom.Core.Fdx;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Pdf;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Formats;

/// <summary>Writes a screenplay in any export format; shared by the CLI and the export endpoint.</summary>
public sealed class ScreenplayExporter(PdfRenderer pdf)
{
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public async Task WriteAsync(ParsedScreenplay screenplay, ExportFormat format, Stream output, PdfLayoutOptions? options = null, CancellationToken ct = default)
    {
        switch (format)
        {
            case ExportFormat.Json:
                await output.WriteAsync(Utf8.GetBytes(ScreenplayJson.Serialize(screenplay, indented: true) + "\n"), ct);
                break;
            case ExportFormat.Fountain:
                await output.WriteAsync(Utf8.GetBytes(FountainWriter.Write(screenplay)), ct);
                break;
            case ExportFormat.Fdx:
                await output.WriteAsync(Utf8.GetBytes(FdxWriter.Write(screenplay)), ct);
                break;
            case ExportFormat.Pdf:
                // Skia writes synchronously; render to memory off the request thread, then copy out.
                using (var buffer = new MemoryStream())
                {
                    await Task.Run(() => pdf.Render(screenplay, options ?? new PdfLayoutOptions(), buffer, ct), ct);
                    buffer.Position = 0;
                    await buffer.CopyToAsync(output, ct);
                }
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(format), format, null);
        }
    }
}
