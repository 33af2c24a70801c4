using System.Text.Json;
using System.Text.Json.Serialization;

namespace WritersRoom.Core.Screenplay;

/// <summary>
/// <see cref="FormatExtras"/> as a flat JSON object of strings (<c>{"fdx.@SpaceBefore":"12"}</c>): how a paragraph's
/// or a script's extras are stored (jsonb), kept in snapshots and sent between instances. An empty object reads as null,
/// as <see cref="FormatExtras.From"/> gives.
/// </summary>
public sealed class FormatExtrasJson : JsonConverter<FormatExtras>
{
    public static string? Serialize(FormatExtras? extras) => extras is null ? null : JsonSerializer.Serialize(extras);

    public static FormatExtras? Deserialize(string? json) =>
        string.IsNullOrEmpty(json) ? null : JsonSerializer.Deserialize<FormatExtras>(json);

    public override FormatExtras? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("Format extras are a JSON object of strings.");
        var values = new List<KeyValuePair<string, string>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var key = reader.GetString()!;
            if (!reader.Read() || reader.TokenType != JsonTokenType.String) throw new JsonException($"Format extra '{key}' is not a string.");
            values.Add(KeyValuePair.Create(key, reader.GetString()!));
        }
        return FormatExtras.From(values);
    }

    public override void Write(Utf8JsonWriter writer, FormatExtras value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        foreach (var (key, text) in value) writer.WriteString(key, text);
        writer.WriteEndObject();
    }
}
