namespace WritersRoom.Core.Screenplay;

/// <summary>
/// One paragraph of a parsed screenplay. Optional fields apply to some types only:
/// <see cref="SceneNumber"/> to scene headings, <see cref="Extension"/> and <see cref="Dual"/> to characters
/// (and <see cref="Dual"/> to the dialogue/parentheticals of both speakers of a dual-dialogue pair, as in
/// Final Draft), <see cref="Level"/> to sections. Several extensions are kept as <c>V.O.) (CONT'D</c>, so that
/// <c>NAME (Extension)</c> prints them as written.
/// Text keeps Fountain emphasis markers (*italic*, **bold**, _underline_) as written.
/// </summary>
public sealed record ScriptElement(ElementType Type, string Text)
{
    public string? SceneNumber { get; init; }
    public string? Extension { get; init; }
    public bool Dual { get; init; }
    public int? Level { get; init; }

    /// <summary>
    /// The revision colour ("Blue", "Pink"…) under which this paragraph last changed, or null if it is
    /// unrevised. Printed as an asterisk in the right margin; Fountain has no syntax for it.
    /// </summary>
    public string? RevisionColor { get; init; }

    /// <summary>Format-specific data we do not model, written back when exporting to that format.</summary>
    public FormatExtras? Extras { get; init; }
}
