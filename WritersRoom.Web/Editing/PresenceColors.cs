namespace WritersRoom.Web.Editing;

/// <summary>A stable colour per writer, so the same person has the same caret colour everywhere.</summary>
public static class PresenceColors
{
    private static readonly string[] Palette = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324"];

    public static string For(string userId)
    {
        var hash = 0u;
        foreach (var c in userId) hash = hash * 31 + c;
        return Palette[hash % Palette.Length];
    }
}
