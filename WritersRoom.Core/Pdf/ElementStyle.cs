using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Pdf;

/// <summary>
/// Industry indents for Courier 12 (10 characters an inch), measured from the page's left edge on US Letter:
/// action and headings 1.5"–7.5", dialogue 2.5"–6", parentheticals 3.1"–5.6", cues at 3.7".
/// </summary>
internal static class ElementStyle
{
    public const double CharWidth = 0.1; // inches
    public const double Left = 1.5;
    public const double Right = 7.5;

    public static (double Indent, double Width) Of(ElementType type) => type switch
    {
        ElementType.Character => (3.7, Right - 3.7),
        ElementType.Dialogue or ElementType.Lyric => (2.5, 3.5),
        ElementType.Parenthetical => (3.1, 2.5),
        _ => (Left, Right - Left),
    };

    /// <summary>Dual dialogue: two narrower columns side by side.</summary>
    public static (double Indent, double Width) OfDual(ElementType type, bool right)
    {
        var offset = right ? 3.1 : 0;
        return type switch
        {
            ElementType.Character => (2.3 + offset, 2.6),
            ElementType.Parenthetical => (1.8 + offset, 2.4),
            _ => (Left + offset, 2.9),
        };
    }

    public static int Columns(double width) => (int)Math.Floor(width / CharWidth + 1e-9);

    /// <summary>Blank lines before an element of this type (none at the top of a page).</summary>
    public static int SpaceBefore(ElementType type) => type == ElementType.SceneHeading ? 2 : 1;
}
