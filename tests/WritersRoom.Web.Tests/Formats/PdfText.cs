using System.Text;
using UglyToad.PdfPig;
using UglyToad.PdfPig.Content;

namespace WritersRoom.Web.Tests.Formats;

/// <summary>A PDF read back with PdfPig as lines of text per page, top to bottom, with their left edge in inches.</summary>
internal sealed record PdfLine(double Top, double Left, string Text);

internal static class PdfText
{
    public static List<List<PdfLine>> Pages(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().Select(Lines).ToList();
    }

    public static List<PdfLine> Lines(Page page)
    {
        return page.Letters
            .GroupBy(l => Math.Round(l.StartBaseLine.Y))
            .OrderByDescending(g => g.Key)
            .Select(g =>
            {
                var letters = g.OrderBy(l => l.StartBaseLine.X).ToList();
                var text = new StringBuilder();
                for (var i = 0; i < letters.Count; i++)
                {
                    // Glyphs drawn apart (scene numbers, asterisks, dual columns) get spaces for the gap.
                    if (i > 0 && letters[i].StartBaseLine.X - letters[i - 1].EndBaseLine.X > 3)
                        text.Append(' ', Math.Max(1, (int)Math.Round((letters[i].StartBaseLine.X - letters[i - 1].EndBaseLine.X) / 7.2)));
                    text.Append(letters[i].Value);
                }
                return new PdfLine((page.Height - g.Key) / 72, letters[0].StartBaseLine.X / 72, text.ToString().TrimEnd());
            })
            .Where(l => l.Text.Trim().Length > 0)
            .ToList();
    }

    public static IEnumerable<string> FontNames(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(p => p.Letters).Select(l => l.FontName ?? "").Distinct().ToList();
    }

    public static IEnumerable<double> PointSizes(byte[] pdf)
    {
        using var document = PdfDocument.Open(pdf);
        return document.GetPages().SelectMany(p => p.Letters).Select(l => Math.Round(l.PointSize, 1)).Distinct().ToList();
    }
}
