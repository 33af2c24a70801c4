using System.Security.Claims;
using WritersRoom.Core.Pdf;

namespace WritersRoom.Web.Formats;

/// <summary><c>GET /scripts/{id}/export/{format}</c>: a download, so a plain HTTP endpoint rather than a circuit call.</summary>
public static class ExportEndpoints
{
    public static IEndpointRouteBuilder MapExportEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/scripts/{id:guid}/export/{format}", ExportAsync).RequireAuthorization();
        return app;
    }

    private static async Task<IResult> ExportAsync(Guid id, string format, bool? sceneNumbers, HttpContext http, ScriptExports exports, CancellationToken ct)
    {
        var userId = http.User.FindFirstValue(ClaimTypes.NameIdentifier);
        if (userId is null) return Results.Unauthorized();
        if (!ScriptExports.Formats.Contains(format, StringComparer.OrdinalIgnoreCase))
            return Results.NotFound();

        var file = await exports.ExportAsync(userId, id, format, new PdfLayoutOptions { SceneNumbers = sceneNumbers == true }, ct);
        return file is null ? Results.NotFound() : Results.File(file.Content, file.ContentType, file.FileName);
    }
}
