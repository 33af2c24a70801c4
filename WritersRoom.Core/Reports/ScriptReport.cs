using System.Globalization;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Pdf;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Reports;

public sealed record SceneRow(int Ordinal, string Number, string Heading, string IntExt, string Location, string TimeOfDay,
    int Page, int Eighths, IReadOnlyList<string> Characters)
{
    /// <summary>"1 3/8": whole pages and eighths, as breakdown sheets write lengths.</summary>
    public string Length => Eighth.Format(Eighths);
}

public sealed record CharacterRow(string Name, int Scenes, int Speeches, int Words, string? FirstScene, int? FirstPage);

public sealed record LocationRow(string Location, string IntExt, int Scenes, int Eighths, string TimesOfDay)
{
    public string Length => Eighth.Format(Eighths);
}

public static class Eighth
{
    public static string Format(int eighths)
    {
        var pages = eighths / 8;
        var rest = eighths % 8;
        var fraction = rest == 0 ? "" : $"{rest}/8";
        return pages == 0 ? (rest == 0 ? "0" : fraction) : rest == 0 ? pages.ToString(CultureInfo.InvariantCulture) : $"{pages} {fraction}";
    }
}

/// <summary>
/// Scene, character and location reports. Lengths come from the same pagination as the PDF, so a scene's
/// eighths match the printed script.
/// </summary>
public sealed record ScriptReport(IReadOnlyList<SceneRow> Scenes, IReadOnlyList<CharacterRow> Characters, IReadOnlyList<LocationRow> Locations)
{
    public static ScriptReport Build(ParsedScreenplay screenplay, PdfLayoutOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(screenplay);
        var layout = Paginator.Paginate(screenplay, options);
        var spans = layout.Scenes.ToDictionary(s => s.ElementIndex);
        var elements = screenplay.Elements;

        var scenes = new List<SceneRow>();
        var characters = new Dictionary<string, (HashSet<int> Scenes, int Speeches, int Words, string? First, int? Page)>(StringComparer.Ordinal);
        SceneRow? current = null;
        List<string>? cast = null;
        string? speaker = null;
        for (var i = 0; i < elements.Count; i++)
        {
            var e = elements[i];
            if (e.Type == ElementType.SceneHeading)
            {
                var parts = SceneHeadingParts.Parse(e.Text);
                var span = spans.GetValueOrDefault(i);
                cast = [];
                current = new SceneRow(scenes.Count + 1, e.SceneNumber ?? (scenes.Count + 1).ToString(CultureInfo.InvariantCulture),
                    FountainEmphasis.ToPlain(e.Text), parts.IntExt, parts.Location, parts.TimeOfDay,
                    span?.StartPage ?? 0, span?.Eighths(layout.Options.LinesPerPage) ?? 1, cast);
                scenes.Add(current);
                speaker = null;
                continue;
            }

            if (e.Type == ElementType.Character)
            {
                speaker = FountainEmphasis.ToPlain(e.Text).Trim().ToUpperInvariant();
                if (speaker.Length == 0) continue;
                var entry = characters.GetValueOrDefault(speaker, ([], 0, 0, current?.Number, current?.Page));
                if (current is not null && entry.Scenes.Add(current.Ordinal)) cast!.Add(speaker);
                characters[speaker] = entry with { Speeches = entry.Speeches + 1 };
            }
            else if (e.Type is ElementType.Dialogue or ElementType.Lyric && speaker is not null && characters.TryGetValue(speaker, out var said))
            {
                characters[speaker] = said with { Words = said.Words + CountWords(e.Text) };
            }
            else if (e.Type is not (ElementType.Parenthetical or ElementType.Note))
            {
                speaker = null;
            }
        }

        var characterRows = characters
            .Select(c => new CharacterRow(c.Key, c.Value.Scenes.Count, c.Value.Speeches, c.Value.Words, c.Value.First, c.Value.Page))
            .OrderByDescending(c => c.Speeches).ThenBy(c => c.Name, StringComparer.Ordinal)
            .ToList();

        var locations = scenes
            .GroupBy(s => s.Location, StringComparer.OrdinalIgnoreCase)
            .Select(g => new LocationRow(g.First().Location,
                string.Join(", ", g.Select(s => s.IntExt).Where(x => x.Length > 0).Distinct()),
                g.Count(), g.Sum(s => s.Eighths),
                string.Join(", ", g.Select(s => s.TimeOfDay).Where(x => x.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase))))
            .OrderByDescending(l => l.Scenes).ThenBy(l => l.Location, StringComparer.Ordinal)
            .ToList();

        return new ScriptReport(scenes, characterRows, locations);
    }

    private static int CountWords(string text) =>
        FountainEmphasis.ToPlain(text).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;
}
