using System.Text.Json.Serialization;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Data.Entities;

/// <summary>What a proposal replaces: one paragraph, or the paragraphs of a whole scene.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<RewriteScope>))]
public enum RewriteScope
{
    Paragraph,
    Scene,
}

/// <summary>Where a proposal stands. Stored by name in the message's JSON.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ProposalStatus>))]
public enum ProposalStatus
{
    Proposed,
    Applied,
    Dismissed,
    Undone,
}

/// <summary>
/// One paragraph of a proposal. <see cref="Id"/> is the live block's id (a paragraph the rewrite keeps keeps its id,
/// so its comments stay attached); a new paragraph has a fresh one. The marks matter only in
/// <see cref="RewriteProposal.Replaced"/>, which an undo puts back exactly.
/// </summary>
public sealed record ProposalParagraph(
    Guid Id,
    [property: JsonConverter(typeof(JsonStringEnumConverter<ElementType>))] ElementType Type,
    string Text)
{
    public string? Extension { get; init; }
    public bool Dual { get; init; }
    public string? RevisionColor { get; init; }
    public bool AiAssisted { get; init; }
}

/// <summary>
/// A rewrite the assistant proposed through its tool, stored on its answer: the target (scene, and the paragraphs with
/// their text as the assistant read them), the text it proposes, and what the writers did with it. Applying checks the
/// target still reads as <see cref="Before"/>; an undo checks the paragraphs still read as <see cref="Applied"/>.
/// </summary>
public sealed record RewriteProposal(
    Guid Id,
    Guid SceneId,
    int SceneOrdinal,
    string Heading,
    RewriteScope Scope,
    List<ProposalParagraph> Before,
    List<ProposalParagraph> After,
    string? Reason)
{
    public ProposalStatus Status { get; init; } = ProposalStatus.Proposed;

    /// <summary>Who applied, dismissed or undid it last, and when.</summary>
    public string? DecidedBy { get; init; }
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The version of the script saved just before the rewrite went in (History: "Before AI rewrite…").</summary>
    public Guid? SnapshotId { get; init; }

    /// <summary>The paragraphs as they were just before the apply, with their revision marks: what an undo restores.</summary>
    public List<ProposalParagraph>? Replaced { get; init; }

    /// <summary>The paragraphs as the apply left them (a new paragraph may have had to take a fresh id).</summary>
    public List<ProposalParagraph>? Applied { get; init; }
}
