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

    /// <summary>The text came from an applied assistant rewrite (stored in <c>blocks.ai_assisted</c>).</summary>
    public bool AiAssisted { get; set; }

    /// <summary>Kept from the imported file (see <see cref="FormatExtras"/>); never sent to the browser.</summary>
    public FormatExtras? Extras { get; set; }
    public string? UpdatedBy { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }

    /// <summary>The row exists in the database (false: inserted here and not written yet).</summary>
    public bool InDb { get; set; }

    /// <summary>
    /// The version and text the database holds, as far as this session knows. Another instance's change is merged
    /// into this session's unwritten one from here (the common base), and a write only lands on this version.
    /// </summary>
    public long DbVersion { get; set; }
    public string DbText { get; set; } = "";

    /// <summary>What a batch in flight is writing; another instance's change built on it merges from here.</summary>
    public (long Version, string Text)? Writing { get; set; }

    public BlockRow ToRow(Guid scriptId) =>
        new(Id, scriptId, SceneId, Rank, Type, Text, Extension, Dual, Level, Version, RevisionColor, Extras, UpdatedAt, UpdatedBy,
            InDb ? DbVersion : null, AiAssisted);
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

    /// <summary>The row exists in the database (false: created here by a split, not written yet).</summary>
    public bool InDb { get; set; }

    public bool StartsWithHeading => Blocks.Count > 0 && Blocks[0].Type == ElementType.SceneHeading;
}

/// <summary>
/// Copies of rows to write, taken under the lock so the writer never reads live objects; also what other instances
/// receive once they are written. <see cref="ExpectedVersion"/> is the version the row must have in the database for
/// this write to land (null: a new row). <see cref="Extras"/> travel with the row, so a write never clears them.
/// </summary>
public sealed record BlockRow(Guid Id, Guid ScriptId, Guid SceneId, string Rank, ElementType Type, string Text, string? Extension,
    bool Dual, int? Level, long Version, string? RevisionColor, FormatExtras? Extras, DateTimeOffset UpdatedAt, string? UpdatedBy,
    long? ExpectedVersion, bool AiAssisted = false);

/// <summary>A scene row to write; <see cref="IsNew"/>: not in the database yet (an existing one is only updated, never re-created).</summary>
public sealed record SceneRow(Guid Id, Guid ScriptId, string Rank, string? SceneNumber, string ContentHash, DateTimeOffset ContentChangedAt,
    bool IsNew = false);
