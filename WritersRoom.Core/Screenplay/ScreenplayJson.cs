using System.Text.Encodings.Web;
using System.Text.Json;

namespace WritersRoom.Core.Screenplay;

/// <summary>
/// The JSON the CLI prints for a parsed screenplay:
/// <c>{"title":[{"key","value"}],"elements":[{"type","text",…}]}</c>. Each element carries only the fields
/// its type uses: scene headings always "sceneNumber", characters always "extension" and "dual",
/// dialogue and parentheticals "dual" only when true, sections "level"; revised paragraphs "revisionColor".
/// </summary>
public static class ScreenplayJson
{
    // The output is read by people and scripts, not embedded in HTML: keep apostrophes and accents readable.
    private static readonly JsonWriterOptions Compact = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private static readonly JsonWriterOptions Indented = Compact with { Indented = true };

    public static string Serialize(ParsedScreenplay screenplay, bool indented = false)
    {
        ArgumentNullException.ThrowIfNull(screenplay);

        using var stream = new MemoryStream();
        using (var json = new Utf8JsonWriter(stream, indented ? Indented : Compact))
        {
            Write(json, screenplay);
        }
        return System.Text.Encoding.UTF8.GetString(stream.GetBuffer(), 0, (int)stream.Length);
    }

    public static void Write(Utf8JsonWriter json, ParsedScreenplay screenplay)
    {
        ArgumentNullException.ThrowIfNull(json);
        ArgumentNullException.ThrowIfNull(screenplay);

        json.WriteStartObject();
        json.WriteStartArray("title");
        foreach (var entry in screenplay.TitlePage)
        {
            json.WriteStartObject();
            json.WriteString("key", entry.Key);
            json.WriteString("value", entry.Value);
            json.WriteEndObject();
        }
        json.WriteEndArray();

        json.WriteStartArray("elements");
        foreach (var element in screenplay.Elements)
            WriteElement(json, element);
        json.WriteEndArray();
        json.WriteEndObject();
    }

    private static void WriteElement(Utf8JsonWriter json, ScriptElement element)
    {
        json.WriteStartObject();
        json.WriteString("type", element.Type.Name());
        json.WriteString("text", element.Text);
        switch (element.Type)
        {
            case ElementType.SceneHeading:
                json.WriteString("sceneNumber", element.SceneNumber);
                break;
            case ElementType.Character:
                json.WriteString("extension", element.Extension);
                json.WriteBoolean("dual", element.Dual);
                break;
            case ElementType.Dialogue or ElementType.Parenthetical when element.Dual:
                json.WriteBoolean("dual", true);
                break;
            case ElementType.Section:
                json.WriteNumber("level", element.Level ?? 1);
                break;
        }
        if (element.RevisionColor is { } colour)
            json.WriteString("revisionColor", colour);
        json.WriteEndObject();
    }
}
