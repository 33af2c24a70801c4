using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WritersRoom.Data;
using WritersRoom.TestSupport;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Chat;

/// <summary>The app's data, scripts, AI and chat registrations against a test database and a given provider.</summary>
internal static class ChatTestHost
{
    public static IHost Build(TestDatabase database, string? fakeServerUrl, params (string Key, string Value)[] extra) =>
        Build(database, fakeServerUrl, null, extra);

    /// <summary>As above, keeping the host's log in <paramref name="logs"/> when given.</summary>
    public static IHost Build(TestDatabase database, string? fakeServerUrl, WritersRoom.Web.Tests.Editing.LogRecorder? logs, params (string Key, string Value)[] extra)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        var settings = new Dictionary<string, string?> { ["ConnectionStrings:WritersRoom"] = database.ConnectionString };
        if (fakeServerUrl is not null)
        {
            settings["Ai:Provider"] = "OpenAI";
            settings["Ai:Endpoint"] = fakeServerUrl + "/v1";
            settings["Ai:ChatModel"] = "fake-chat";
            settings["Ai:EmbeddingModel"] = "fake-embed";
            settings["Ai:EmbeddingDimensions"] = "3";
        }

        foreach (var (key, value) in extra) settings[key] = value;
        builder.Configuration.AddInMemoryCollection(settings);
        if (logs is not null) builder.Services.AddLogging(l => l.AddProvider(logs));
        builder.ConfigureContainer(new DefaultServiceProviderFactory(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true }));
        builder.AddWritersRoomData();
        builder.AddWritersRoomScripts();
        builder.AddWritersRoomAi();
        builder.AddWritersRoomChat();
        return builder.Build();
    }
}
