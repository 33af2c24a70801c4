using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Bible;

/// <summary>A script's bible as its page shows it.</summary>
public sealed record BibleView(
    Guid ScriptId,
    string Title,
    ScriptRole Role,
    string? Logline,
    IReadOnlyList<Character> Characters,
    IReadOnlyList<Location> Locations,
    IReadOnlyList<OutlineItem> Outline,
    IReadOnlyList<OutlineItem> OutlineDraft,
    IReadOnlyList<SceneRef> Scenes,
    DateTimeOffset? OutlineRequestedAt,
    DateTimeOffset? OutlineDraftedAt)
{
    public bool CanEdit => Role.CanEdit();

    /// <summary>True while a writer's request for a new outline draft waits for the job.</summary>
    public bool OutlineDraftRequested => OutlineRequestedAt is { } asked && (OutlineDraftedAt is null || asked > OutlineDraftedAt);
}

/// <summary>A scene as the bible links to it: its number as the navigator shows it and its heading.</summary>
public sealed record SceneRef(Guid Id, string Number, string Heading);
