using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.History;

/// <summary>
/// One paragraph of a stored version. Its id is the live block's id, so a restore keeps the comments on it and a
/// comparison pairs paragraphs by identity rather than by guessing from their text.
/// </summary>
public sealed record VersionParagraph(Guid Id, string Rank, ElementType Type, string Text)
{
    public string? Extension { get; init; }
    public bool Dual { get; init; }
    public int? Level { get; init; }
    public string? RevisionColor { get; init; }

    /// <summary>The text came from an applied assistant rewrite (see the live block's flag).</summary>
    public bool AiAssisted { get; init; }

    /// <summary>What the file it came from said that we do not model (see <see cref="FormatExtras"/>); restored with it.</summary>
    public FormatExtras? Extras { get; init; }
}

/// <summary>One scene of a stored version, its paragraphs in order.</summary>
public sealed record VersionScene(Guid Id, string Rank, string? SceneNumber, IReadOnlyList<VersionParagraph> Paragraphs)
{
    public bool StartsWithHeading => Paragraphs.Count > 0 && Paragraphs[0].Type == ElementType.SceneHeading;

    /// <summary>The heading's text, or empty for the untitled opening before the first heading.</summary>
    public string Heading => StartsWithHeading ? Paragraphs[0].Text : "";
}

/// <summary>
/// A whole script at one moment: what a snapshot stores, what a restore puts back and what a comparison reads.
/// Immutable, so the live session hands out a copy taken under its lock and everything else happens off it.
/// </summary>
public sealed record ScriptVersion(IReadOnlyList<VersionScene> Scenes)
{
    public static readonly ScriptVersion Empty = new([]);

    /// <summary>Scenes as a writer counts them: the ones that start with a heading.</summary>
    public int SceneCount => Scenes.Count(s => s.StartsWithHeading);

    public int ParagraphCount => Scenes.Sum(s => s.Paragraphs.Count);

    /// <summary>A parsed file as a version with fresh ids (an import over an existing script goes through a restore).</summary>
    public static ScriptVersion FromScreenplay(ParsedScreenplay screenplay)
    {
        ArgumentNullException.ThrowIfNull(screenplay);
        var groups = SceneSplitter.Split(screenplay.Elements);
        var sceneRanks = Ranks.Sequence(groups.Count);
        var scenes = new List<VersionScene>(groups.Count);
        for (var i = 0; i < groups.Count; i++)
        {
            var group = groups[i];
            var ranks = Ranks.Sequence(group.Count);
            var paragraphs = group.Select((e, j) => new VersionParagraph(Guid.CreateVersion7(), ranks[j], e.Type, e.Text)
            {
                Extension = e.Extension, Dual = e.Dual, Level = e.Level, RevisionColor = e.RevisionColor, Extras = e.Extras,
            }).ToList();
            var number = group[0].Type == ElementType.SceneHeading ? group[0].SceneNumber : null;
            scenes.Add(new VersionScene(Guid.CreateVersion7(), sceneRanks[i], number, paragraphs));
        }
        return new ScriptVersion(scenes);
    }
}
