using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace WritersRoom.Web.Tests.Ai;

/// <summary>
/// A bare host with only the AI registration and the given <c>Ai:*</c> settings. The container validates
/// on build and checks scopes, as the app does in Development, so a broken registration fails here.
/// </summary>
internal static class AiTestHost
{
    public static IHost Build(params (string Key, string Value)[] settings)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection(settings.Select(s => KeyValuePair.Create("Ai:" + s.Key, (string?)s.Value)));
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.AddWritersRoomAi();
        return builder.Build();
    }
}
