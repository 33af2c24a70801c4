using System.Globalization;
using System.Text;

namespace WritersRoom.Core.Reports;

/// <summary>
/// RFC 4180 CSV. Cells that a spreadsheet would run as a formula (=, +, -, @ first) are prefixed with an
/// apostrophe: headings and names come from uploaded scripts, and a CSV is opened in Excel.
/// </summary>
public static class Csv
{
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<object?>> rows)
    {
        var output = new StringBuilder();
        AppendRow(output, header);
        foreach (var row in rows) AppendRow(output, row);
        return output.ToString();
    }

    public static string Scenes(ScriptReport report) => Write(
        ["Scene", "Heading", "INT/EXT", "Location", "Time of day", "Page", "Length (pages)", "Eighths", "Characters"],
        report.Scenes.Select(s => (IReadOnlyList<object?>)[s.Number, s.Heading, s.IntExt, s.Location, s.TimeOfDay, s.Page, s.Length, s.Eighths, string.Join(", ", s.Characters)]));

    public static string Characters(ScriptReport report) => Write(
        ["Character", "Scenes", "Lines", "Words", "First scene", "First page"],
        report.Characters.Select(c => (IReadOnlyList<object?>)[c.Name, c.Scenes, c.Speeches, c.Words, c.FirstScene, c.FirstPage]));

    public static string Locations(ScriptReport report) => Write(
        ["Location", "INT/EXT", "Scenes", "Length (pages)", "Eighths", "Times of day"],
        report.Locations.Select(l => (IReadOnlyList<object?>)[l.Location, l.IntExt, l.Scenes, l.Length, l.Eighths, l.TimesOfDay]));

    private static void AppendRow(StringBuilder output, IEnumerable<object?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) output.Append(',');
            first = false;
            output.Append(Escape(Convert.ToString(cell, CultureInfo.InvariantCulture) ?? ""));
        }
        output.Append("\r\n");
    }

    private static string Escape(string value)
    {
        if (value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r')
            value = "'" + value;
        return value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
    }
}
