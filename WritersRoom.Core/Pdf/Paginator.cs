using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Pdf;

/// <summary>
/// Lays a screenplay out on pages the way the industry expects: a scene heading never ends a page (it moves
/// with at least the start of what follows); action breaks between lines only with two lines on each side; a
/// speech breaks between lines (never right after a parenthetical, preferably at a sentence end) with
/// "(MORE)" under the last line and "NAME (CONT'D)" at the top of the next page; dual dialogue never breaks.
/// Pure: no fonts, no drawing, so rules are tested here and the renderer only places text.
/// </summary>
public sealed class Paginator
{
    private readonly PdfLayoutOptions _options;
    private readonly List<Page> _pages = [];
    private List<PlacedLine> _current = [];
    private int _row;
    private readonly Dictionary<int, (int StartPage, int Lines)> _scenes = [];

    private Paginator(PdfLayoutOptions options) => _options = options;

    private int Capacity => _options.LinesPerPage;
    private int MinLines => _options.MinLinesAroundBreak;

    public static PaginatedScript Paginate(ParsedScreenplay screenplay, PdfLayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(screenplay);
        options ??= new PdfLayoutOptions();
        if (options.LinesPerPage < 10) throw new ArgumentOutOfRangeException(nameof(options), "A page needs at least 10 lines.");

        var paginator = new Paginator(options);
        var blocks = BlockBuilder.Build(screenplay.Elements, options);
        for (var i = 0; i < blocks.Count; i++)
            paginator.Place(blocks[i], i + 1 < blocks.Count ? blocks[i + 1] : null);
        paginator.FinishPage(force: paginator._pages.Count == 0);

        var scenes = paginator._scenes.OrderBy(s => s.Key).Select(s => new SceneSpan(s.Key, s.Value.StartPage, s.Value.Lines)).ToList();
        return new PaginatedScript(paginator._pages, scenes, options);
    }

    private void Place(LayoutBlock block, LayoutBlock? next)
    {
        switch (block.Kind)
        {
            case BlockKind.PageBreak:
                FinishPage(force: false);
                return;
            case BlockKind.Dialogue:
                PlaceSpeech(block);
                return;
            case BlockKind.Splittable:
                PlaceSplittable(block);
                return;
        }

        var needed = Space(block) + block.Height;
        // A heading takes the start of what follows along with it.
        if (block.IsHeading && next is not null && next.Kind != BlockKind.PageBreak)
            needed += next.SpaceBefore + MinimumStart(next);
        if (_row > 0 && _row + needed > Capacity)
            FinishPage(force: false);
        AddSpace(block);
        foreach (var row in block.Rows) AddRow(row, block.SceneElement);
    }

    private int MinimumStart(LayoutBlock block) => block.Kind switch
    {
        // What cannot break (too short to leave enough lines on both sides) must fit whole.
        BlockKind.Splittable => block.Rows.Count < 2 * MinLines ? block.Rows.Count : MinLines,
        BlockKind.Dialogue => block.Rows.Count < 2 * MinLines ? block.Height : (block.Cue is null ? 0 : 1) + MinLines + 1,
        _ => block.Height,
    };

    private void PlaceSplittable(LayoutBlock block)
    {
        var rows = block.Rows;
        while (true)
        {
            var space = Space(block);
            if (_row + space + rows.Count <= Capacity)
            {
                AddSpace(block);
                foreach (var row in rows) AddRow(row, block.SceneElement);
                return;
            }

            var fits = Capacity - _row - space;
            // Only a paragraph longer than a whole page breaks with fewer lines either side.
            var atTop = _row == 0;
            if (fits >= MinLines && rows.Count - fits >= MinLines || atTop)
            {
                AddSpace(block);
                foreach (var row in rows.Take(fits)) AddRow(row, block.SceneElement);
                rows = ListTail<IReadOnlyList<LayoutLine>>.From(rows, fits);
            }
            FinishPage(force: false);
            block = block with { Rows = rows };
        }
    }

    private void PlaceSpeech(LayoutBlock block)
    {
        while (true)
        {
            var space = Space(block);
            if (_row + space + block.Height <= Capacity)
            {
                AddSpace(block);
                if (block.Cue is { } cue) AddRow([cue], block.SceneElement);
                foreach (var row in block.Rows) AddRow(row, block.SceneElement);
                return;
            }

            var cueRows = block.Cue is null ? 0 : 1;
            var fits = Capacity - _row - space - cueRows - 1; // the last line is (MORE)
            var split = ChooseSplit(block, fits, relaxed: _row == 0);
            if (split == 0)
            {
                FinishPage(force: false);
                continue;
            }

            AddSpace(block);
            if (block.Cue is { } first) AddRow([first], block.SceneElement);
            foreach (var row in block.Rows.Take(split)) AddRow(row, block.SceneElement);
            if (block.Cue is { } cueLine) AddRow([More(cueLine)], block.SceneElement);
            FinishPage(force: false);
            block = block with
            {
                Rows = ListTail<IReadOnlyList<LayoutLine>>.From(block.Rows, split),
                Parenthetical = ListTail<bool>.From(block.Parenthetical, split),
                Cue = block.Cue is { } c ? Continued(c) : null,
            };
        }
    }

    /// <summary>How many speech rows stay on this page: 0 to move the whole speech.</summary>
    private int ChooseSplit(LayoutBlock block, int fits, bool relaxed)
    {
        var before = relaxed ? 1 : MinLines;
        var after = relaxed ? 1 : MinLines;
        var best = 0;
        for (var k = Math.Min(fits, block.Rows.Count - after); k >= before; k--)
        {
            if (block.Parenthetical[k - 1]) continue;
            if (best == 0) best = k;
            if (EndsSentence(block.Rows[k - 1][0].Text)) return k;
        }
        return best;
    }

    private static bool EndsSentence(string text) => text.TrimEnd().TrimEnd('"', '\'', ')', '”').EndsWith(['.', '?', '!', '…', '-']);

    private static LayoutLine More(LayoutLine cue) => cue with { Runs = [new StyledRun("(MORE)", Emphasis.None)], Role = LineRole.More, RevisionColor = null };

    private static LayoutLine Continued(LayoutLine cue)
    {
        if (cue.Role == LineRole.Continued) return cue;
        var text = cue.Text;
        var marked = text.Contains("CONT'D", StringComparison.OrdinalIgnoreCase) ? text : text + " (CONT'D)";
        return cue with { Runs = [new StyledRun(marked, Emphasis.None)], Role = LineRole.Continued, RevisionColor = null };
    }

    private int Space(LayoutBlock block) => _row == 0 ? 0 : block.SpaceBefore;

    private void AddSpace(LayoutBlock block)
    {
        var space = Space(block);
        _row += space;
        Count(block.SceneElement, space);
    }

    private void AddRow(IReadOnlyList<LayoutLine> row, int scene)
    {
        foreach (var line in row) _current.Add(new PlacedLine(_row, line));
        _row++;
        Count(scene, 1);
    }

    private void Count(int scene, int lines)
    {
        if (scene < 0) return;
        var span = _scenes.TryGetValue(scene, out var s) ? s : (StartPage: _pages.Count + 1, Lines: 0);
        _scenes[scene] = span with { Lines = span.Lines + lines };
    }

    private void FinishPage(bool force)
    {
        if (_current.Count == 0 && !force) return;
        var latest = _current.Select(l => l.Line.RevisionColor).OfType<string>().OrderByDescending(RevisionColors.Rank).FirstOrDefault();
        _pages.Add(new Page(_pages.Count + 1, _current) { RevisionLabel = latest is null ? null : RevisionColors.HeaderLabel(latest) });
        _current = [];
        _row = 0;
    }
}
