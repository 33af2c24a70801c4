using Microsoft.Extensions.Configuration.Json;
using Microsoft.Extensions.FileProviders;

namespace WritersRoom.Web.Hosting;

public static class TopLevelAppSettings
{
    /// <summary>
    /// The repo keeps appsettings.json at its top level; the build copies it beside the binaries. It goes in at the
    /// lowest priority so environment variables and the command line still override it.
    /// </summary>
    public static void AddTopLevelAppSettings(this IHostApplicationBuilder builder)
    {
        builder.Configuration.Sources.Insert(0, new JsonConfigurationSource
        {
            Path = "appsettings.json",
            FileProvider = new PhysicalFileProvider(AppContext.BaseDirectory),
            Optional = true,
        });
    }
}
