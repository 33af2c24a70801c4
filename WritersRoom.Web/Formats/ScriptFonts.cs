using System.Collections.Concurrent;
using SkiaSharp;
using WritersRoom.Core.Fountain;

namespace WritersRoom.Web.Formats;

/// <summary>
/// The fonts a printed script uses, loaded from font files: the native assets we ship have no fontconfig,
/// so Skia's font manager sees no system fonts. The script font is a Courier-metric monospace (Liberation
/// Mono from Debian's fonts-liberation: Courier New's widths, Latin, Greek and Cyrillic); any character it
/// lacks is drawn from the first installed fallback that has it (CJK from fonts-wqy-zenhei or
/// fonts-noto-cjk). One instance serves every export for the life of the process.
/// </summary>
public sealed class ScriptFonts
{
    /// <summary>Script font files by style, most preferred family first; the first family found wins.</summary>
    private static readonly string[][] Families =
    [
        ["LiberationMono-Regular.ttf", "LiberationMono-Bold.ttf", "LiberationMono-Italic.ttf", "LiberationMono-BoldItalic.ttf"],
        ["Courier Prime.otf", "Courier Prime Bold.otf", "Courier Prime Italic.otf", "Courier Prime Bold Italic.otf"],
        ["DejaVuSansMono.ttf", "DejaVuSansMono-Bold.ttf", "DejaVuSansMono-Oblique.ttf", "DejaVuSansMono-BoldOblique.ttf"],
    ];

    /// <summary>Fallbacks tried first, in order; every other installed font file follows.</summary>
    private static readonly string[] PreferredFallbacks =
    [
        "DejaVuSansMono.ttf", "DejaVuSans.ttf", "wqy-zenhei.ttc", "NotoSansCJK-Regular.ttc", "NotoSansMonoCJKsc-Regular.otf", "wqy-microhei.ttc",
    ];

    public static readonly string[] DefaultDirectories = ["/usr/share/fonts", "/usr/local/share/fonts"];

    private readonly Lazy<Loaded> _loaded;
    private readonly ConcurrentDictionary<int, SKTypeface?> _byCodePoint = new();

    public ScriptFonts() : this(DefaultDirectories) { }

    /// <summary>Fonts are found on first use, so a machine without them fails PDF exports only, with a clear message.</summary>
    public ScriptFonts(IReadOnlyList<string> directories) => _loaded = new Lazy<Loaded>(() => Load(directories));

    private sealed record Loaded(SKTypeface[] Primary, Lazy<SKTypeface>[] Fallbacks);

    private static Loaded Load(IReadOnlyList<string> directories)
    {
        var files = directories.Where(Directory.Exists)
            .SelectMany(d => Directory.EnumerateFiles(d, "*.*", SearchOption.AllDirectories))
            .Where(f => f.EndsWith(".ttf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".otf", StringComparison.OrdinalIgnoreCase) || f.EndsWith(".ttc", StringComparison.OrdinalIgnoreCase))
            .GroupBy(Path.GetFileName, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key!, g => g.First(), StringComparer.OrdinalIgnoreCase);

        var family = Families.FirstOrDefault(f => files.ContainsKey(f[0]))
            ?? throw new InvalidOperationException(
                "No Courier-metric font is installed for PDF export: install the Debian package fonts-liberation (Liberation Mono).");
        var primary = family.Select(name => Load(files.GetValueOrDefault(name) ?? files[family[0]])).ToArray();

        var order = PreferredFallbacks.Where(files.ContainsKey).Select(n => files[n])
            .Concat(files.Values.Order(StringComparer.Ordinal))
            .Distinct()
            .Where(path => !family.Any(f => path.EndsWith(f, StringComparison.OrdinalIgnoreCase)));
        return new Loaded(primary, order.Select(path => new Lazy<SKTypeface>(() => Load(path))).ToArray());
    }

    public string Family => _loaded.Value.Primary[0].FamilyName;

    public SKTypeface Primary(Emphasis style) =>
        _loaded.Value.Primary[(style.HasFlag(Emphasis.Bold) ? 1 : 0) + (style.HasFlag(Emphasis.Italic) ? 2 : 0)];

    /// <summary>The typeface to draw one code point with, and whether it is a fallback (drawn with synthetic bold/italic).</summary>
    public (SKTypeface Typeface, bool Fallback) For(int codePoint, Emphasis style)
    {
        var primary = Primary(style);
        if (codePoint < 0x80) return (primary, false);
        // Cached per code point: a script uses few distinct characters outside ASCII.
        var loaded = _loaded.Value;
        var found = _byCodePoint.GetOrAdd(codePoint, cp => Has(loaded.Primary[0], cp) ? null : loaded.Fallbacks.Select(f => f.Value).FirstOrDefault(t => Has(t, cp)));
        return found is null ? (primary, false) : (found, true);
    }

    private static bool Has(SKTypeface typeface, int codePoint)
    {
        using var font = new SKFont(typeface);
        return font.ContainsGlyph(codePoint);
    }

    private static SKTypeface Load(string path) =>
        SKTypeface.FromFile(path) ?? throw new InvalidOperationException($"The font file {path} cannot be read.");
}
