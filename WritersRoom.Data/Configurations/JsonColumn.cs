using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Data.Configurations;

/// <summary>Maps a small value object graph to a jsonb column, compared by its JSON so edits in place are seen.</summary>
internal static class JsonColumn
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static PropertyBuilder<T> HasJsonConversion<T>(this PropertyBuilder<T> property) where T : class, new()
    {
        var comparer = new ValueComparer<T>(
            (a, b) => JsonSerializer.Serialize(a, Options) == JsonSerializer.Serialize(b, Options),
            v => JsonSerializer.Serialize(v, Options).GetHashCode(),
            v => JsonSerializer.Deserialize<T>(JsonSerializer.Serialize(v, Options), Options)!);

        property.HasConversion(
                v => JsonSerializer.Serialize(v, Options),
                s => JsonSerializer.Deserialize<T>(s, Options) ?? new T(),
                comparer)
            .HasColumnType("jsonb");
        return property;
    }

    /// <summary>
    /// Format extras as a jsonb object; null stays SQL NULL (EF never hands nulls to a converter). They are immutable
    /// and compared by content, so the snapshot is the value itself.
    /// </summary>
    public static PropertyBuilder<FormatExtras?> HasExtrasConversion(this PropertyBuilder<FormatExtras?> property)
    {
        var comparer = new ValueComparer<FormatExtras?>((a, b) => Equals(a, b), v => v == null ? 0 : v.GetHashCode(), v => v);
        property.HasConversion(v => FormatExtrasJson.Serialize(v), s => FormatExtrasJson.Deserialize(s), comparer)
            .HasColumnType("jsonb");
        return property;
    }
}
