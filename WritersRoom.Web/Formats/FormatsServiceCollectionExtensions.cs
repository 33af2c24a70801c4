using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Formats;

public static class FormatsServiceCollectionExtensions
{
    /// <summary>Import (Fountain, FDX) with preview, export (Fountain, FDX, PDF, CSV reports). Fonts load on first PDF.
    /// Import itself (<see cref="ScriptFileImport"/>) registers with the scripts area, which its callers need anyway.</summary>
    public static IHostApplicationBuilder AddWritersRoomFormats(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton(_ => new ScriptFonts());
        builder.Services.AddSingleton<PdfRenderer>();
        builder.Services.AddSingleton<ScreenplayExporter>();
        builder.Services.AddSingleton<ScriptExports>();
        return builder;
    }
}
