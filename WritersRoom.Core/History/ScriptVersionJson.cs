using System.Text.Json;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.History;

/// <summary>
/// The stored form of a <see cref="ScriptVersion"/> (a snapshot's content): compact names, defaults left out, element
/// types by their snake_case names. <c>v</c> is the format's version, so an older snapshot stays readable.
/// </summary>
public static class ScriptVersionJson
{
    private const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingDefault,
    };

    public static string Serialize(ScriptVersion version)
    {
        ArgumentNullException.ThrowIfNull(version);
        var doc = new Doc(FormatVersion, version.Scenes.Select(s => new SceneDto(s.Id, s.Rank, s.SceneNumber,
            s.Paragraphs.Select(p => new ParagraphDto(p.Id, p.Rank, p.Type.Name(), p.Text, p.Extension, p.Dual, p.Level, p.RevisionColor, p.AiAssisted, p.Extras)).ToList())).ToList());
        return JsonSerializer.Serialize(doc, Options);
    }

    /// <exception cref="FormatException">The content is not a stored version.</exception>
    public static ScriptVersion Deserialize(string json)
    {
        Doc? doc;
        try
        {
            doc = JsonSerializer.Deserialize<Doc>(json, Options);
        }
        catch (JsonException e)
        {
            throw new FormatException("This version's content cannot be read.", e);
        }
        if (doc?.Scenes is null || doc.V > FormatVersion) throw new FormatException("This version's content cannot be read.");
        return new ScriptVersion(doc.Scenes.Select(s => new VersionScene(s.Id, s.Rank ?? "", s.Number,
            (s.P ?? []).Select(p => new VersionParagraph(p.Id, p.Rank ?? "", ElementTypeNames.TryParse(p.T, out var t) ? t : ElementType.Action, p.X ?? "")
            {
                Extension = p.Ext, Dual = p.Dual, Level = p.Level, RevisionColor = p.Rev, AiAssisted = p.Ai, Extras = p.Fx,
            }).ToList())).ToList());
    }

    private sealed record Doc(int V, List<SceneDto>? Scenes);

    private sealed record SceneDto(Guid Id, string? Rank, string? Number, List<ParagraphDto>? P);

    // Fx: the paragraph's format extras, absent from versions written before they were kept (those restore without).
    private sealed record ParagraphDto(Guid Id, string? Rank, string? T, string? X, string? Ext, bool Dual, int? Level, string? Rev, bool Ai = false,
        FormatExtras? Fx = null);
}
