using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.History;

public enum ChangeKind { Unchanged, Added, Removed, Changed }

public enum SpanKind { Same, Inserted, Deleted }

/// <summary>A run of a changed paragraph's text: kept, inserted or deleted.</summary>
public sealed record TextSpan(SpanKind Kind, string Text);

/// <summary>
/// One paragraph in a comparison. <see cref="Spans"/> shows a changed paragraph's words inserted and deleted;
/// for the other kinds it is the text as one span.
/// </summary>
public sealed record ParagraphChange(ChangeKind Kind, ElementType Type, ElementType? OldType, string? OldText, string? NewText,
    IReadOnlyList<TextSpan> Spans);

/// <summary>
/// One scene in a comparison, in the newer version's order (removed scenes where they used to be).
/// <see cref="Moved"/>: the scene is in both but its place among the others changed.
/// </summary>
public sealed record SceneChange(ChangeKind Kind, bool Moved, string Heading, string? OldHeading, string? Number,
    IReadOnlyList<ParagraphChange> Paragraphs)
{
    public int AddedParagraphs => Paragraphs.Count(p => p.Kind == ChangeKind.Added);
    public int RemovedParagraphs => Paragraphs.Count(p => p.Kind == ChangeKind.Removed);
    public int ChangedParagraphs => Paragraphs.Count(p => p.Kind == ChangeKind.Changed);
}

/// <summary>Two versions of a script, scene by scene.</summary>
public sealed record ScriptComparison(IReadOnlyList<SceneChange> Scenes)
{
    public int Added => Scenes.Count(s => s.Kind == ChangeKind.Added);
    public int Removed => Scenes.Count(s => s.Kind == ChangeKind.Removed);
    public int Changed => Scenes.Count(s => s.Kind == ChangeKind.Changed);
    public int Moved => Scenes.Count(s => s.Moved);
    public bool Identical => Scenes.All(s => s.Kind == ChangeKind.Unchanged && !s.Moved);
}
