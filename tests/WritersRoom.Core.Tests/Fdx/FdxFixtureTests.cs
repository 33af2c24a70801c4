using WritersRoom.Core.Fdx;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;
using WritersRoom.Core.Tests.Fountain;

namespace WritersRoom.Core.Tests.Fdx;

public class FdxFixtureTests
{
    public static TheoryData<string> FountainFiles() => new(Fixtures.FountainFiles());

    [Fact]
    public void Brick_and_steel_fdx_imports_to_the_same_elements_as_its_fountain_version()
    {
        var fromFdx = FdxReader.Read(File.ReadAllBytes(Fixtures.Path("brick-and-steel.fdx")));
        var fromFountain = FountainParser.Parse(Fixtures.Read("brick-and-steel.fountain"));

        Assert.Equal(fromFountain.Elements, fromFdx.Screenplay.Elements);
        Assert.Empty(fromFdx.Warnings);
    }

    [Theory]
    [MemberData(nameof(FountainFiles))]
    public void Every_fountain_fixture_survives_fdx_export_and_import(string fileName)
    {
        var original = FountainParser.Parse(Fixtures.Read(fileName));

        var reread = FdxReader.Parse(FdxWriter.Write(original));

        Assert.Equal(original.TitlePage, reread.TitlePage);
        Assert.Equal(original.Elements, reread.Elements);
    }

    [Fact]
    public void Brick_and_steel_fdx_export_reimports_unchanged()
    {
        var first = FdxReader.Read(File.ReadAllBytes(Fixtures.Path("brick-and-steel.fdx"))).Screenplay;

        var second = FdxReader.Parse(FdxWriter.Write(first));

        Assert.Equal(first.Elements, second.Elements);
        Assert.Equal(first.Extras, second.Extras);
    }
}
