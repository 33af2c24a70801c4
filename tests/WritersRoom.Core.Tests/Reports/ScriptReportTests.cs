using WritersRoom.Core.Fountain;
using WritersRoom.Core.Reports;
using WritersRoom.Core.Tests.Fountain;

namespace WritersRoom.Core.Tests.Reports;

public class ScriptReportTests
{
    private static readonly Lazy<ScriptReport> Brick = new(() => ScriptReport.Build(FountainParser.Parse(Fixtures.Read("brick-and-steel.fountain"))));
    private static readonly Lazy<ScriptReport> BigFish = new(() => ScriptReport.Build(FountainParser.Parse(Fixtures.Read("big-fish.fountain"))));

    [Theory]
    [InlineData("INT.  WILL'S BEDROOM - NIGHT (1973)", "INT", "WILL'S BEDROOM", "NIGHT (1973)")]
    [InlineData("EXT/INT. SORORITY HOUSE - NIGHT", "EXT/INT", "SORORITY HOUSE", "NIGHT")]
    [InlineData("INT./EXT. CAR - MOVING - DAY", "INT/EXT", "CAR - MOVING", "DAY")]
    [InlineData("I/E HALLWAY", "INT/EXT", "HALLWAY", "")]
    [InlineData("SNIPER SCOPE POV", "", "SNIPER SCOPE POV", "")]
    public void Headings_split_into_int_ext_location_and_time_of_day(string heading, string intExt, string location, string time)
    {
        Assert.Equal(new SceneHeadingParts(intExt, location, time), SceneHeadingParts.Parse(heading));
    }

    [Fact]
    public void Brick_and_steel_scenes_list_their_speakers_in_order_of_appearance()
    {
        var first = Brick.Value.Scenes[0];

        Assert.Equal(8, Brick.Value.Scenes.Count);
        Assert.Equal(("1", "EXT", "BRICK'S PATIO", "DAY", 1), (first.Number, first.IntExt, first.Location, first.TimeOfDay, first.Page));
        Assert.Equal(["STEEL", "BRICK"], first.Characters);
        Assert.Equal(["JACK", "DAN"], Brick.Value.Scenes[1].Characters);
    }

    [Fact]
    public void Characters_count_scenes_speeches_words_and_first_appearance()
    {
        var steel = Brick.Value.Characters.Single(c => c.Name == "STEEL");

        Assert.Equal("STEEL", Brick.Value.Characters[0].Name);
        Assert.Equal(("1", 1), (steel.FirstScene, steel.FirstPage));
        Assert.Equal(5, steel.Scenes);
        Assert.Equal(9, steel.Speeches);
        Assert.True(steel.Words > 30);
    }

    [Fact]
    public void Big_fish_lengths_add_up_to_its_page_count_and_locations_group_scenes()
    {
        var report = BigFish.Value;

        Assert.Equal(192, report.Scenes.Count);
        Assert.Equal("EDWARD", report.Characters[0].Name);
        Assert.Equal(192, report.Locations.Sum(l => l.Scenes));
        Assert.Contains(report.Locations, l => l.Scenes > 3);
        Assert.All(report.Scenes, s => Assert.True(s.Eighths >= 1));
    }

    [Theory]
    [InlineData(0, "0")]
    [InlineData(3, "3/8")]
    [InlineData(8, "1")]
    [InlineData(11, "1 3/8")]
    public void Eighths_print_as_pages_and_eighths(int eighths, string text)
    {
        Assert.Equal(text, Eighth.Format(eighths));
    }

    [Fact]
    public void Csv_quotes_commas_and_quotes_and_defuses_formulas()
    {
        var csv = Csv.Write(["a", "b", "c"], [["x, y", "say \"hi\"", "=HYPERLINK(\"evil\")"]]);

        Assert.Equal("a,b,c\r\n\"x, y\",\"say \"\"hi\"\"\",\"'=HYPERLINK(\"\"evil\"\")\"\r\n", csv);
    }

    [Fact]
    public void Scene_csv_has_a_header_and_a_row_per_scene()
    {
        var lines = Csv.Scenes(Brick.Value).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);

        Assert.Equal("Scene,Heading,INT/EXT,Location,Time of day,Page,Length (pages),Eighths,Characters", lines[0]);
        Assert.Equal(9, lines.Length);
        Assert.StartsWith("1,EXT. BRICK'S PATIO - DAY,EXT,BRICK'S PATIO,DAY,1,", lines[1]);
    }
}
