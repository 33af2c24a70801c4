using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

/// <summary>One paragraph of a live session. Mutated only under the session's lock.</summary>
public sealed class LiveBlock
{
    public required Guid Id { get; init; }
    public required Guid SceneId { get; set; }
    public required string Rank { get; set; }
    public ElementType Type { get; set; }
    public string Text { get; set; } = "";
    public string? Extension { get; set; }
    public bool Dual { get; set; }
    public int? Level { get; set; }
    public long Version { get; set; }
    public string? RevisionColor { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    public BlockRow ToRow(Guid scriptId) =>
        new(Id, scriptId, SceneId, Rank, Type, Text, Extension, Dual, Level, Version, RevisionColor, UpdatedAt, UpdatedBy);
}

/// <summary>One scene of a live session: its paragraphs in rank order.</summary>
public sealed class LiveScene
{
    public required Guid Id { get; init; }
    public required string Rank { get; set; }
    public string? SceneNumber { get; set; }
    public string ContentHash { get; set; } = "";
    public DateTimeOffset ContentChangedAt { get; set; }
    public List<LiveBlock> Blocks { get; } = [];

    public bool StartsWithHeading => Blocks.Count > 0 && Blocks[0].Type == ElementType.SceneHeading;
}

/// <summary>Copies of rows to write, taken under the lock so the writer never reads live objects.</summary>
public sealed record BlockRow(Guid Id, Guid ScriptId, Guid SceneId, string Rank, ElementType Type, string Text, string? Extension,
    bool Dual, int? Level, long Version, string? RevisionColor, DateTimeOffset UpdatedAt, string? UpdatedBy);

public sealed record SceneRow(Guid Id, Guid ScriptId, string Rank, string? SceneNumber, string ContentHash, DateTimeOffset ContentChangedAt);
