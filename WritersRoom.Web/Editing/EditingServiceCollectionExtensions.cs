using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WritersRoom.Web.Editing;

// Like the other areas' registrations, in the hosting namespace so Program.cs needs one line, not a using too.
namespace Microsoft.Extensions.Hosting;

public static class EditingServiceCollectionExtensions
{
    /// <summary>Live script sessions, the group-commit writer, and the editor's services.</summary>
    public static IHostApplicationBuilder AddWritersRoomEditing(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<EditingOptions>().BindConfiguration(EditingOptions.SectionName)
            .Validate(o => o.CommitWindow >= TimeSpan.Zero && o.CommitWindow <= TimeSpan.FromMilliseconds(200), "Editing:CommitWindow must be 0–200 ms.")
            .ValidateOnStart();
        builder.Services.AddSingleton(sp => sp.GetRequiredService<IOptions<EditingOptions>>().Value);
        builder.Services.AddMetrics();
        builder.Services.AddSingleton<EditingMetrics>();
        builder.Services.TryAddSingleton<IEditingFanOut>(NoFanOut.Instance);
        builder.Services.AddSingleton<SessionReconciler>();
        builder.Services.AddSingleton<GroupCommitWriter>();
        builder.Services.AddSingleton<ICommitQueue>(sp => sp.GetRequiredService<GroupCommitWriter>());
        builder.Services.AddHostedService(sp => sp.GetRequiredService<GroupCommitWriter>());
        builder.Services.AddSingleton<ScriptSessionRegistry>();
        builder.Services.AddHostedService<SessionSweeper>();
        builder.Services.AddSingleton<EditorService>();
        // A paragraph op carries its old and new text; the default 32 KB message limit would refuse long paragraphs.
        builder.Services.AddServerSideBlazor().AddHubOptions(o => o.MaximumReceiveMessageSize = 1024 * 1024);
        return builder;
    }
}
