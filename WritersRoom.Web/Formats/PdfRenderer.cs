using System.Globalization;
using SkiaSharp;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Pdf;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Formats;

/// <summary>
/// Draws a paginated script with SkiaSharp's PDF backend (fonts embedded as subsets): the title page, then
/// each page with its number top right (none on page one), the revision label top left on revised pages,
/// asterisks beside revised lines, and scene numbers in both margins when asked for.
/// </summary>
public sealed class PdfRenderer(ScriptFonts fonts)
{
    private const float Inch = 72f;
    private const float PageWidth = 8.5f * Inch;
    private const float PageHeight = 11f * Inch;
    private const float FontSize = 12f;
    private const float LineHeight = 12f; // 6 lines an inch
    private const float BodyTop = 1f * Inch;
    private const float HeaderTop = 0.5f * Inch;
    private const float Baseline = 9.5f; // from the top of a line to its baseline

    public void Render(ParsedScreenplay screenplay, PdfLayoutOptions options, Stream output, CancellationToken ct = default)
    {
        var paginated = Paginator.Paginate(screenplay, options);
        var metadata = new SKDocumentPdfMetadata
        {
            Title = FountainEmphasis.ToPlain(screenplay.Title ?? "").Replace('\n', ' '),
            Creator = "WritersRoom",
            Producer = "WritersRoom (SkiaSharp)",
        };

        using var document = SKDocument.CreatePdf(output, metadata);
        using var paint = new SKPaint { Color = SKColors.Black, IsAntialias = true };
        if (options.TitlePage && screenplay.TitlePage.Count > 0)
        {
            var canvas = document.BeginPage(PageWidth, PageHeight);
            DrawTitlePage(canvas, screenplay.TitlePage, paint);
            document.EndPage();
        }

        foreach (var page in paginated.Pages)
        {
            ct.ThrowIfCancellationRequested();
            var canvas = document.BeginPage(PageWidth, PageHeight);
            DrawPage(canvas, page, paint);
            document.EndPage();
        }
        document.Close();
    }

    private void DrawPage(SKCanvas canvas, Page page, SKPaint paint)
    {
        if (page.Number > 1)
            DrawRuns(canvas, [new StyledRun($"{page.Number.ToString(CultureInfo.InvariantCulture)}.", Emphasis.None)], 7.5f * Inch, HeaderTop + Baseline, LineAlign.Right, paint);
        if (page.RevisionLabel is { } label)
            DrawRuns(canvas, [new StyledRun(label, Emphasis.None)], 1.5f * Inch, HeaderTop + Baseline, LineAlign.Left, paint);

        foreach (var placed in page.Lines)
        {
            var line = placed.Line;
            var y = BodyTop + placed.Row * LineHeight + Baseline;
            var left = (float)line.Indent * Inch;
            var right = (float)(line.Indent + line.Width) * Inch;
            var anchor = line.Align switch
            {
                LineAlign.Right => right,
                LineAlign.Center => (left + right) / 2,
                _ => left,
            };
            DrawRuns(canvas, line.Runs, anchor, y, line.Align, paint);

            if (line.RevisionColor is not null)
                DrawRuns(canvas, [new StyledRun("*", Emphasis.None)], 7.9f * Inch, y, LineAlign.Left, paint);
            if (line.SceneNumber is { } number)
            {
                var text = new StyledRun(number, Emphasis.None);
                DrawRuns(canvas, [text], 1.3f * Inch, y, LineAlign.Right, paint);
                DrawRuns(canvas, [text], 7.6f * Inch, y, LineAlign.Left, paint);
            }
        }
    }

    /// <summary>Title, credit, author and source centred a third of the way down; contact and dates bottom left.</summary>
    private void DrawTitlePage(SKCanvas canvas, IReadOnlyList<TitleEntry> entries, SKPaint paint)
    {
        var centred = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "Title", "Credit", "Author", "Authors", "Source", "Notes" };
        var row = 18;
        foreach (var entry in entries.Where(e => centred.Contains(e.Key)))
        {
            foreach (var text in entry.Value.Split('\n'))
            {
                DrawRuns(canvas, FountainEmphasis.ToRuns(text.Trim()), 4.5f * Inch, BodyTop + row * LineHeight + Baseline, LineAlign.Center, paint);
                row++;
            }
            row += entry.Key.Equals("Title", StringComparison.OrdinalIgnoreCase) ? 3 : 1;
        }

        var bottom = entries.Where(e => !centred.Contains(e.Key)).SelectMany(e => e.Value.Split('\n').Append("")).ToList();
        if (bottom.Count > 0) bottom.RemoveAt(bottom.Count - 1);
        row = Math.Max(row + 2, 54 - bottom.Count);
        foreach (var text in bottom)
        {
            DrawRuns(canvas, FountainEmphasis.ToRuns(text.Trim()), 1.5f * Inch, BodyTop + row * LineHeight + Baseline, LineAlign.Left, paint);
            row++;
        }
    }

    private void DrawRuns(SKCanvas canvas, IReadOnlyList<StyledRun> runs, float anchor, float y, LineAlign align, SKPaint paint)
    {
        var pieces = Pieces(runs);
        var width = pieces.Sum(p => p.Width);
        var x = align switch
        {
            LineAlign.Right => anchor - width,
            LineAlign.Center => anchor - width / 2,
            _ => anchor,
        };
        foreach (var piece in pieces)
        {
            using (var font = Font(piece.Typeface, piece.Fallback ? piece.Style : Emphasis.None))
                canvas.DrawText(piece.Text, x, y, SKTextAlign.Left, font, paint);
            if (piece.Style.HasFlag(Emphasis.Underline))
            {
                using var pen = new SKPaint { Color = SKColors.Black, StrokeWidth = 0.6f, IsStroke = true };
                canvas.DrawLine(x, y + 1.8f, x + piece.Width, y + 1.8f, pen);
            }
            x += piece.Width;
        }
    }

    private readonly record struct Piece(string Text, SKTypeface Typeface, bool Fallback, Emphasis Style, float Width);

    /// <summary>Splits runs where the typeface changes (a character the script font lacks) and measures each piece.</summary>
    private List<Piece> Pieces(IReadOnlyList<StyledRun> runs)
    {
        var pieces = new List<Piece>();
        foreach (var run in runs)
        {
            var start = 0;
            (SKTypeface Typeface, bool Fallback)? current = null;
            for (var i = 0; i < run.Text.Length; i += char.IsSurrogatePair(run.Text, i) ? 2 : 1)
            {
                // A lone surrogate (broken input) has no code point; it draws as the replacement character.
                var codePoint = char.IsSurrogatePair(run.Text, i) ? char.ConvertToUtf32(run.Text, i) : char.IsSurrogate(run.Text[i]) ? 0xFFFD : run.Text[i];
                var face = fonts.For(codePoint, run.Style);
                if (current is { } c && !ReferenceEquals(face.Typeface, c.Typeface))
                {
                    pieces.Add(Measure(run.Text[start..i], c, run.Style));
                    start = i;
                }
                current = face;
            }
            if (current is { } last) pieces.Add(Measure(run.Text[start..], last, run.Style));
        }
        return pieces;
    }

    private static Piece Measure(string text, (SKTypeface Typeface, bool Fallback) face, Emphasis style)
    {
        using var font = Font(face.Typeface, face.Fallback ? style : Emphasis.None);
        return new Piece(text, face.Typeface, face.Fallback, style, font.MeasureText(text));
    }

    /// <summary>Fallback fonts come in one weight: bold and italic are synthesised for them.</summary>
    private static SKFont Font(SKTypeface typeface, Emphasis synthetic) => new(typeface, FontSize)
    {
        Subpixel = true,
        Embolden = synthetic.HasFlag(Emphasis.Bold),
        SkewX = synthetic.HasFlag(Emphasis.Italic) ? -0.2f : 0,
    };
}
