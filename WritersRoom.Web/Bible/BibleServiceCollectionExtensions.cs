using Microsoft.Extensions.DependencyInjection.Extensions;
using WritersRoom.Data.Bible;

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
        return builder;
    }
}
