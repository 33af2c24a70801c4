using Microsoft.Extensions.DependencyInjection.Extensions;
using WritersRoom.Data.Bible;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Bible;

public static class BibleServiceCollectionExtensions
{
    /// <summary>
    /// The script bible's readers and the global-context cache. The jobs (which write it) and the assistant (which
    /// reads it) both need it, so both call this; registrations are idempotent.
    /// </summary>
    public static IHostApplicationBuilder AddWritersRoomBible(this IHostApplicationBuilder builder)
    {
        var services = builder.Services;
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<GlobalContextLoader>();
        services.TryAddSingleton<IScriptInvalidationBus, InProcessInvalidationBus>();
        services.TryAddSingleton<GlobalContextCache>();
        services.TryAddSingleton<CharacterSheets>();
        services.TryAddSingleton<OutlineEditor>();
        services.TryAddSingleton<BibleReader>();
        // The writer's changes check membership; ScriptAccess is the scripts area's (kept if that registered it first).
        services.AddMemoryCache();
        services.TryAddSingleton<ScriptAccess>();
        services.TryAddSingleton<BibleEditor>();
        return builder;
    }
}
