namespace WritersRoom.Core.Screenplay;

/// <summary>The snake_case names used in JSON, in the browser (data-type) and in the database.</summary>
public static class ElementTypeNames
{
    private static readonly Dictionary<ElementType, string> ToName = new()
    {
        [ElementType.SceneHeading] = "scene_heading",
        [ElementType.Action] = "action",
        [ElementType.Character] = "character",
        [ElementType.Dialogue] = "dialogue",
        [ElementType.Parenthetical] = "parenthetical",
        [ElementType.Transition] = "transition",
        [ElementType.Centered] = "centered",
        [ElementType.Lyric] = "lyric",
        [ElementType.Section] = "section",
        [ElementType.Synopsis] = "synopsis",
        [ElementType.Note] = "note",
        [ElementType.PageBreak] = "page_break",
    };

    private static readonly Dictionary<string, ElementType> FromName =
        ToName.ToDictionary(kv => kv.Value, kv => kv.Key, StringComparer.OrdinalIgnoreCase);

    public static string Name(this ElementType type) => ToName[type];

    public static bool TryParse(string? name, out ElementType type) =>
        FromName.TryGetValue(name ?? "", out type);
}
