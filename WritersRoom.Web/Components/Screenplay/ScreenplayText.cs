using Microsoft.AspNetCore.Components;
using WritersRoom.Core.Screenplay;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Components.Screenplay;

/// <summary>
/// The inline content of one paragraph. Text goes in through AddContent only (the renderer escapes it), so a
/// script containing markup shows that markup as text.
/// </summary>
public static class ScreenplayText
{
    public static RenderFragment Of(Block block) =>
        Of(block.Text, block.Type == ElementType.Character && !string.IsNullOrWhiteSpace(block.Extension) ? block.Extension : null);

    /// <summary>Text with Fountain emphasis, and a character extension shown as " (V.O.)".</summary>
    public static RenderFragment Of(string text, string? extension = null) => builder =>
    {
        foreach (var run in Emphasis.Parse(text))
        {
            // One region per run, with fixed sequence numbers inside, as Razor does for a loop body.
            builder.OpenRegion(0);
            var bold = run.Style.HasFlag(EmphasisStyle.Bold);
            var italic = run.Style.HasFlag(EmphasisStyle.Italic);
            var underline = run.Style.HasFlag(EmphasisStyle.Underline);
            if (bold) builder.OpenElement(1, "strong");
            if (italic) builder.OpenElement(2, "em");
            if (underline) builder.OpenElement(3, "u");
            builder.AddContent(4, run.Text);
            if (underline) builder.CloseElement();
            if (italic) builder.CloseElement();
            if (bold) builder.CloseElement();
            builder.CloseRegion();
        }
        if (extension is not null) builder.AddContent(5, $" ({extension})");
    };
}
