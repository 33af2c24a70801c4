using System.Globalization;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Pdf;

/// <summary>Elements to blocks of wrapped lines. Sections, synopses and notes are not printed (Fountain's rule).</summary>
internal static class BlockBuilder
{
    public static List<LayoutBlock> Build(IReadOnlyList<ScriptElement> elements, PdfLayoutOptions options)
    {
        var blocks = new List<LayoutBlock>();
        var scene = -1;
        var autoNumber = 0;
        for (var i = 0; i < elements.Count; i++)
        {
            var e = elements[i];
            switch (e.Type)
            {
                case ElementType.Section or ElementType.Synopsis or ElementType.Note:
                    continue;
                case ElementType.PageBreak:
                    blocks.Add(new LayoutBlock(BlockKind.PageBreak, 0, [], scene));
                    continue;
                case ElementType.SceneHeading:
                    scene = i;
                    autoNumber++;
                    var number = options.SceneNumbers ? e.SceneNumber ?? autoNumber.ToString(CultureInfo.InvariantCulture) : null;
                    var heading = Lines(e, ElementStyle.Of(e.Type), LineRole.SceneHeading)
                        .Select((l, n) => n == 0 ? l with { SceneNumber = number } : l).ToList();
                    blocks.Add(new LayoutBlock(BlockKind.Whole, ElementStyle.SpaceBefore(e.Type), Rows(heading), scene) { IsHeading = true });
                    continue;
                case ElementType.Character when e.Dual:
                    i = Dual(elements, i, blocks, scene) - 1;
                    continue;
                case ElementType.Character or ElementType.Dialogue or ElementType.Parenthetical or ElementType.Lyric:
                    i = Speech(elements, i, blocks, scene) - 1;
                    continue;
                case ElementType.Transition:
                    blocks.Add(new LayoutBlock(BlockKind.Whole, 1, Rows(Lines(e, ElementStyle.Of(e.Type), LineRole.Text, LineAlign.Right)), scene));
                    continue;
                case ElementType.Centered:
                    blocks.Add(new LayoutBlock(BlockKind.Splittable, 1, Rows(Lines(e, ElementStyle.Of(e.Type), LineRole.Text, LineAlign.Center)), scene));
                    continue;
                default:
                    blocks.Add(new LayoutBlock(BlockKind.Splittable, 1, Rows(Lines(e, ElementStyle.Of(e.Type), LineRole.Text)), scene));
                    continue;
            }
        }
        return blocks;
    }

    /// <summary>The cue's text as printed: NAME (EXT).</summary>
    public static string CueText(ScriptElement character) =>
        character.Extension is { Length: > 0 } extension ? $"{character.Text} ({extension})" : character.Text;

    private static int Speech(IReadOnlyList<ScriptElement> elements, int start, List<LayoutBlock> blocks, int scene)
    {
        LayoutLine? cue = null;
        var i = start;
        if (elements[i].Type == ElementType.Character)
        {
            var character = elements[i];
            cue = Lines(character with { Text = CueText(character) }, ElementStyle.Of(ElementType.Character), LineRole.Character)[0];
            i++;
        }

        var rows = new List<LayoutLine>();
        var parenthetical = new List<bool>();
        for (; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.Type == ElementType.Note) continue;
            if (e.Type is not (ElementType.Dialogue or ElementType.Parenthetical or ElementType.Lyric) || e.Dual) break;
            var lines = Lines(e, ElementStyle.Of(e.Type), LineRole.Text, italic: e.Type == ElementType.Lyric);
            rows.AddRange(lines);
            parenthetical.AddRange(lines.Select(_ => e.Type == ElementType.Parenthetical));
        }

        blocks.Add(new LayoutBlock(BlockKind.Dialogue, 1, Rows(rows), scene) { Cue = cue, Parenthetical = parenthetical });
        return i;
    }

    /// <summary>Two speakers side by side: one unbreakable block whose rows pair the two columns.</summary>
    private static int Dual(IReadOnlyList<ScriptElement> elements, int start, List<LayoutBlock> blocks, int scene)
    {
        var columns = new[] { new List<LayoutLine>(), new List<LayoutLine>() };
        var speaker = -1;
        var i = start;
        for (; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.Type == ElementType.Note) continue;
            if (!e.Dual || e.Type is not (ElementType.Character or ElementType.Dialogue or ElementType.Parenthetical or ElementType.Lyric)) break;
            if (e.Type == ElementType.Character && ++speaker > 1) break;
            var side = Math.Max(speaker, 0);
            var text = e.Type == ElementType.Character ? e with { Text = CueText(e) } : e;
            columns[side].AddRange(Lines(text, ElementStyle.OfDual(e.Type, side == 1), e.Type == ElementType.Character ? LineRole.Character : LineRole.Text));
        }

        var rows = new List<IReadOnlyList<LayoutLine>>();
        for (var r = 0; r < Math.Max(columns[0].Count, columns[1].Count); r++)
            rows.Add(columns.Where(c => r < c.Count).Select(c => c[r]).ToList());
        blocks.Add(new LayoutBlock(BlockKind.Whole, 1, rows, scene));
        return i;
    }

    private static List<LayoutLine> Lines(ScriptElement e, (double Indent, double Width) box, LineRole role, LineAlign align = LineAlign.Left, bool italic = false)
    {
        var columns = ElementStyle.Columns(box.Width);
        var result = new List<LayoutLine>();
        foreach (var source in e.Text.Split('\n'))
        {
            var runs = FountainEmphasis.ToRuns(align == LineAlign.Left ? source : source.Trim());
            if (italic) runs = runs.Select(r => r with { Style = r.Style | Emphasis.Italic }).ToList();
            foreach (var wrapped in LineWrapper.Wrap(runs, columns))
            {
                result.Add(new LayoutLine(box.Indent, box.Width, wrapped) { Align = align, Role = role, RevisionColor = e.RevisionColor });
            }
        }
        return result;
    }

    private static List<IReadOnlyList<LayoutLine>> Rows(IEnumerable<LayoutLine> lines) => lines.Select(l => (IReadOnlyList<LayoutLine>)[l]).ToList();
}
