namespace WritersRoom.Web.Formats;

public enum ExportFormat { Json, Fountain, Fdx, Pdf }

public static class ExportFormats
{
    public static bool TryParse(string? name, out ExportFormat format) =>
        Enum.TryParse(name, ignoreCase: true, out format) && Enum.IsDefined(format);

    public static string ContentType(this ExportFormat format) => format switch
    {
        ExportFormat.Json => "application/json",
        ExportFormat.Fountain => "text/plain; charset=utf-8",
        ExportFormat.Fdx => "application/xml",
        _ => "application/pdf",
    };

    public static string Extension(this ExportFormat format) => format switch
    {
        ExportFormat.Json => ".json",
        ExportFormat.Fountain => ".fountain",
        ExportFormat.Fdx => ".fdx",
        _ => ".pdf",
    };
}
