namespace WritersRoom.Core.Screenplay;

/// <summary>A screenplay as read from a file: its title page and its paragraphs in order.</summary>
public sealed record ParsedScreenplay(IReadOnlyList<TitleEntry> TitlePage, IReadOnlyList<ScriptElement> Elements)
{
    public string? Title => TitlePage.FirstOrDefault(t => t.Key.Equals("Title", StringComparison.OrdinalIgnoreCase))?.Value;

    /// <summary>Document-level data of the source format we do not model (e.g. Final Draft's page layout and settings).</summary>
    public FormatExtras? Extras { get; init; }
}
