using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using WritersRoom.Web.Components.Editor;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Editing.Comments;
using WritersRoom.Web.Editing.History;
using WritersRoom.Web.Editing.Revisions;
using WritersRoom.Web.Editing.Rewrites;
using WritersRoom.Data.Chat;

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
        // Per circuit: whether its browser is connected, so the editor never pushes into a dropped connection.
        builder.Services.TryAddScoped<CircuitLink>();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, CircuitLinkHandler>());
        AddReview(builder.Services);
        // A paragraph op carries its old and new text; the default 32 KB message limit would refuse long paragraphs.
        builder.Services.AddServerSideBlazor().AddHubOptions(o => o.MaximumReceiveMessageSize = 1024 * 1024);
        return builder;
    }

    /// <summary>
    /// What writers do around the text on a live script: comments, history (snapshots), revision mode, and applying (or
    /// undoing) the rewrites the assistant proposed, which are edits of the live session like the others.
    /// </summary>
    private static void AddReview(IServiceCollection services)
    {
        services.AddOptions<HistoryOptions>().BindConfiguration(HistoryOptions.SectionName)
            .Validate(o => o.AutoEveryOperations > 0 && o.KeepAutomatic > 0 && o.CheckInterval > TimeSpan.Zero,
                "History:AutoEveryOperations, KeepAutomatic and CheckInterval must be positive.")
            .ValidateOnStart();
        services.AddSingleton(sp => sp.GetRequiredService<IOptions<HistoryOptions>>().Value);
        services.AddSingleton<SnapshotWriter>();
        services.AddSingleton<ISnapshotQueue>(sp => sp.GetRequiredService<SnapshotWriter>());
        services.AddHostedService(sp => sp.GetRequiredService<SnapshotWriter>());
        services.AddHostedService<AutoSnapshotScheduler>();
        services.AddSingleton<HistoryService>();
        services.AddSingleton<CommentService>();
        services.AddSingleton<RevisionService>();
        services.TryAddSingleton<ProposalStore>();
        services.TryAddSingleton<IProposalChanges, LocalProposalChanges>();
        services.AddSingleton<RewriteService>();
        services.AddSingleton<EditorRewriteSteps>();
    }
}
