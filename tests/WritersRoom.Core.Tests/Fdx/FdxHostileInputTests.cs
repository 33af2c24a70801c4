using System.Diagnostics;
using System.Text;
using WritersRoom.Core.Fdx;

namespace WritersRoom.Core.Tests.Fdx;

/// <summary>Untrusted uploads: every one ends in a clear <see cref="FdxFormatException"/> or a clean import, quickly.</summary>
public class FdxHostileInputTests
{
    private static FdxFormatException Refused(string xml) => Refused(Encoding.UTF8.GetBytes(xml));

    private static FdxFormatException Refused(byte[] bytes)
    {
        var watch = Stopwatch.StartNew();
        var error = Assert.Throws<FdxFormatException>(() => FdxReader.Read(bytes));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        return error;
    }

    [Fact]
    public void Broken_xml_is_refused_with_its_line()
    {
        var error = Refused("<FinalDraft><Content>\n<Paragraph Type=\"Action\"><Text>Open</Paragraph>\n</Content></FinalDraft>");

        Assert.Contains("not well-formed", error.Message);
        Assert.Contains("line 2", error.Message);
    }

    [Fact]
    public void A_billion_laughs_entity_bomb_is_refused_without_expanding()
    {
        var bomb = new StringBuilder("<?xml version=\"1.0\"?><!DOCTYPE lolz [<!ENTITY lol \"lol\">");
        for (var i = 1; i < 10; i++)
            bomb.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{(i == 1 ? "" : i - 1)};", 10))}\">");
        bomb.Append("]><FinalDraft><Content><Paragraph Type=\"Action\"><Text>&lol9;</Text></Paragraph></Content></FinalDraft>");

        Assert.Contains("DTD", Refused(bomb.ToString()).Message);
    }

    [Fact]
    public void An_external_entity_is_never_fetched()
    {
        var xxe = "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><FinalDraft><Content><Paragraph Type=\"Action\"><Text>&e;</Text></Paragraph></Content></FinalDraft>";

        Assert.Contains("DTD", Refused(xxe).Message);
    }

    [Fact]
    public void A_50_MB_file_is_refused_before_parsing()
    {
        var huge = new byte[50 * 1024 * 1024];
        Array.Fill(huge, (byte)' ');

        Assert.Contains("10 MB", Refused(huge).Message);
    }

    [Fact]
    public void Deep_nesting_is_refused()
    {
        var deep = "<FinalDraft><Content>" + string.Concat(Enumerable.Repeat("<Paragraph>", 5000)) + string.Concat(Enumerable.Repeat("</Paragraph>", 5000)) + "</Content></FinalDraft>";

        Assert.Contains("nested", Refused(deep).Message);
    }

    [Theory]
    [InlineData("<html><body>hi</body></html>", "not a Final Draft script")]
    [InlineData("<FinalDraft><TitlePage/></FinalDraft>", "no <Content>")]
    [InlineData("", "not well-formed")]
    [InlineData("Just some text, not XML", "not well-formed")]
    public void Other_files_are_refused_with_a_reason(string text, string reason)
    {
        Assert.Contains(reason, Refused(text).Message);
    }

    [Fact]
    public void Unknown_types_and_stray_elements_import_cleanly()
    {
        var xml = "<FinalDraft><Content><Paragraph Type=\"Hologram\"><Text>Hi</Text><Sparkle/></Paragraph><Paragraph><Text>No type</Text></Paragraph><Junk/></Content></FinalDraft>";

        var import = FdxReader.Read(Encoding.UTF8.GetBytes(xml));

        Assert.Equal(["Hi", "No type"], import.Screenplay.Elements.Select(e => e.Text));
        Assert.Single(import.Warnings);
    }

    [Fact]
    public void A_utf16_file_with_a_bom_is_read()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-16\"?><FinalDraft><Content><Paragraph Type=\"Action\"><Text>Café Влад 東京</Text></Paragraph></Content></FinalDraft>";
        var bytes = Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(xml)).ToArray();

        Assert.Equal("Café Влад 東京", FdxReader.Read(bytes).Screenplay.Elements.Single().Text);
    }

    [Fact]
    public void A_file_in_a_declared_legacy_encoding_is_read()
    {
        var xml = "<?xml version=\"1.0\" encoding=\"windows-1252\"?><FinalDraft><Content><Paragraph Type=\"Action\"><Text>Café “quoted” — done</Text></Paragraph></Content></FinalDraft>";
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes(xml);

        Assert.Equal("Café “quoted” — done", FdxReader.Read(bytes).Screenplay.Elements.Single().Text);
    }

    // Ten megabytes (the limit) of shapes that took minutes when joined line by line. The bound only guards a hang.
    private static async Task<FdxImport> BoundedAsync(string xml)
    {
        var bytes = Encoding.UTF8.GetBytes(xml);
        Assert.InRange(bytes.Length, 9_000_000, 10 * 1024 * 1024);
        return await Task.Run(() => FdxReader.Read(bytes), TestContext.Current.CancellationToken)
            .WaitAsync(TimeSpan.FromSeconds(60), TestContext.Current.CancellationToken);
    }

    [Fact]
    public async Task A_speech_of_a_hundred_and_fifty_thousand_dialogue_paragraphs_reads_as_one_speech()
    {
        var lines = string.Concat(Enumerable.Repeat("<Paragraph Type=\"Dialogue\"><Text>Hello there.</Text></Paragraph>", 150_000));

        var import = await BoundedAsync($"<FinalDraft><Content><Paragraph Type=\"Character\"><Text>BOB</Text></Paragraph>{lines}</Content></FinalDraft>");

        var speech = import.Screenplay.Elements[1];
        Assert.Equal(150_000, speech.Text.Split('\n').Length);
    }

    [Fact]
    public async Task A_title_page_of_a_hundred_and_fifty_thousand_lines_reads_as_one_entry()
    {
        var lines = string.Concat(Enumerable.Repeat("<Paragraph Alignment=\"Left\"><Text>Contact line</Text></Paragraph>", 150_000));

        var import = await BoundedAsync($"<FinalDraft><Content><Paragraph Type=\"Action\"><Text>x</Text></Paragraph></Content><TitlePage><Content>{lines}</Content></TitlePage></FinalDraft>");

        var contact = Assert.Single(import.Screenplay.TitlePage);
        Assert.Equal(150_000, contact.Value.Split('\n').Length);
    }
}
