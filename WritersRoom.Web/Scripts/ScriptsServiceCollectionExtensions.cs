using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WritersRoom.Web.Scripts;

public static class ScriptsServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddWritersRoomScripts(this IHostApplicationBuilder builder)
    {
        builder.Services.AddMemoryCache();
        builder.Services.TryAddSingleton<IMembershipChanges, LocalMembershipChanges>();
        builder.Services.AddSingleton<ScriptAccess>();
        builder.Services.AddSingleton<ScriptFileImport>();
        builder.Services.AddSingleton<FountainImport>();
        return builder;
    }
}
