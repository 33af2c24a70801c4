using System.Text.Json;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.Screenplay;

public sealed class FormatExtrasJsonTests
{
    [Fact]
    public void Extras_are_stored_as_a_flat_object_of_strings_and_read_back_equal()
    {
        var extras = FormatExtras.From([KeyValuePair.Create("fdx.@SpaceBefore", "12"), KeyValuePair.Create("fdx.xml", "<DynamicLabel Type=\"Cont'd\"/>")]);

        var json = FormatExtrasJson.Serialize(extras);

        Assert.Equal(JsonValueKind.Object, JsonDocument.Parse(json!).RootElement.ValueKind);
        Assert.Equal("12", JsonDocument.Parse(json!).RootElement.GetProperty("fdx.@SpaceBefore").GetString());
        Assert.Equal(extras, FormatExtrasJson.Deserialize(json));
    }

    [Fact]
    public void None_is_null_both_ways_and_an_empty_object_reads_as_none()
    {
        Assert.Null(FormatExtrasJson.Serialize(null));
        Assert.Null(FormatExtrasJson.Deserialize(null));
        Assert.Null(FormatExtrasJson.Deserialize("{}"));
    }

    [Fact]
    public void A_record_holding_extras_serializes_them_through_the_converter()
    {
        var holder = new Holder(FormatExtras.From([KeyValuePair.Create("fdx.type", "Shot")]));

        var back = JsonSerializer.Deserialize<Holder>(JsonSerializer.Serialize(holder, JsonSerializerOptions.Web), JsonSerializerOptions.Web);

        Assert.Equal(holder, back);
    }

    [Fact]
    public void Anything_but_an_object_of_strings_is_refused()
    {
        Assert.Throws<JsonException>(() => FormatExtrasJson.Deserialize("[1]"));
        Assert.Throws<JsonException>(() => FormatExtrasJson.Deserialize("{\"fdx.type\":3}"));
    }

    private sealed record Holder(FormatExtras? Extras);
}
