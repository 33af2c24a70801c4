using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Where a citation leads: the script page with the scene to show and the paragraphs to highlight in the query.
/// A plain link, so it works from the side panel (same page, the editor scrolls) and from the full-page view.
/// </summary>
public static class CitationLinks
{
    /// <summary>Enough to mark a quoted passage; a longer list would only make the address unwieldy.</summary>
    private const int MaxBlocks = 20;

    public const string SceneParameter = "scene";
    public const string BlocksParameter = "at";

    public static string Href(Guid scriptId, Citation citation)
    {
        ArgumentNullException.ThrowIfNull(citation);
        var href = $"/scripts/{scriptId}?{SceneParameter}={citation.SceneId}";
        return citation.BlockIds is { Count: > 0 } blocks ? $"{href}&{BlocksParameter}={string.Join(',', blocks.Take(MaxBlocks))}" : href;
    }

    /// <summary>The block ids of an <c>at</c> parameter; anything that is not an id is ignored.</summary>
    public static IReadOnlyList<Guid> ParseBlocks(string? value) =>
        string.IsNullOrEmpty(value)
            ? []
            : value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(v => Guid.TryParse(v, out var id) ? id : Guid.Empty).Where(id => id != Guid.Empty).Take(MaxBlocks).ToList();
}
