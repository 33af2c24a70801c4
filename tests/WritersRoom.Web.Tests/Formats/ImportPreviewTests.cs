using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Formats;

/// <summary>Preview reads and reports without writing (the importer is never called: its factory is null).</summary>
public sealed class ImportPreviewTests
{
    private static readonly ScriptFileImport Import = new(new ScriptImporter(null!), NullLogger<ScriptFileImport>.Instance);

    private static Task<ImportPreview> PreviewAsync(byte[] bytes, string name) =>
        Import.PreviewAsync(new MemoryStream(bytes), name, TestContext.Current.CancellationToken);

    private static async Task<ImportException> RefusedAsync(byte[] bytes, string name)
    {
        var watch = Stopwatch.StartNew();
        var error = await Assert.ThrowsAsync<ImportException>(() => PreviewAsync(bytes, name));
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5));
        return error;
    }

    [Fact]
    public async Task Big_fish_preview_lists_scenes_characters_and_pages()
    {
        var preview = await PreviewAsync(await File.ReadAllBytesAsync(TestEnvironment.Fixture("big-fish.fountain"), TestContext.Current.CancellationToken), "big-fish.fountain");

        Assert.Equal(("fountain", "Big Fish"), (preview.Format, preview.Title));
        Assert.Equal(192, preview.Scenes.Count);
        Assert.Equal("EDWARD", preview.Characters[0].Name);
        Assert.InRange(preview.Pages, 110, 140);
        Assert.Empty(preview.Warnings);
    }

    [Fact]
    public async Task The_fdx_fixture_previews_like_its_fountain_twin()
    {
        var ct = TestContext.Current.CancellationToken;
        var fdx = await PreviewAsync(await File.ReadAllBytesAsync(TestEnvironment.Fixture("brick-and-steel.fdx"), ct), "brick-and-steel.fdx");
        var fountain = await PreviewAsync(await File.ReadAllBytesAsync(TestEnvironment.Fixture("brick-and-steel.fountain"), ct), "brick-and-steel.fountain");

        Assert.Equal("fdx", fdx.Format);
        Assert.Equal(fountain.Scenes, fdx.Scenes);
        Assert.Equal(fountain.Characters, fdx.Characters);
    }

    [Fact]
    public async Task Warnings_carry_line_numbers()
    {
        var text = "INT. ROOM - DAY\n\nHe waits. [[unclosed note\n\nShe leaves. /* cut from here\n";

        var preview = await PreviewAsync(Encoding.UTF8.GetBytes(text), "draft.fountain");

        Assert.Contains(preview.Warnings, w => w.Line == 3 && w.Message.Contains("note"));
        Assert.Contains(preview.Warnings, w => w.Line == 5 && w.Message.Contains("boneyard"));
    }

    [Fact]
    public async Task Crlf_bom_and_tabs_import_like_plain_unix_text()
    {
        const string script = "Title: Tabs\n\nINT. ROOM - DAY\n\n\tBOB\n\tHello there.\n";
        var plain = await PreviewAsync(Encoding.UTF8.GetBytes(script), "a.fountain");

        var windows = await PreviewAsync([.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(script.Replace("\n", "\r\n"))], "a.fountain");

        Assert.Equal(plain.Scenes, windows.Scenes);
        Assert.Equal(plain.Characters, windows.Characters);
        Assert.Equal(plain.Paragraphs, windows.Paragraphs);
        Assert.Equal("Tabs", windows.Title);
        Assert.Equal("BOB", Assert.Single(windows.Characters).Name);
    }

    [Fact]
    public async Task Latin1_text_is_read_with_a_warning()
    {
        var preview = await PreviewAsync(Encoding.Latin1.GetBytes("INT. CAFÉ - DAY\n\nJOSÉ\nOlé.\n"), "old.txt");

        Assert.Equal("INT. CAFÉ - DAY", preview.Scenes.Single().Heading);
        Assert.Contains(preview.Warnings, w => w.Message.Contains("Latin-1"));
    }

    public static TheoryData<string> Utf16And32() => ["utf-16", "utf-16BE", "utf-32"];

    [Theory]
    [MemberData(nameof(Utf16And32))]
    public async Task Text_saved_as_utf16_or_utf32_with_its_mark_imports_like_utf8(string encodingName)
    {
        const string script = "Title: Café Ночь\n\nINT. CAFÉ - NIGHT\n\nZOË\nПривет. 東京.\n";
        var encoding = System.Text.Encoding.GetEncoding(encodingName);
        var plain = await PreviewAsync(Encoding.UTF8.GetBytes(script), "a.fountain");

        var marked = await PreviewAsync([.. encoding.GetPreamble(), .. encoding.GetBytes(script)], "a.fountain");

        Assert.Equal(("Café Ночь", "INT. CAFÉ - NIGHT", "ZOË"), (marked.Title, marked.Scenes.Single().Heading, marked.Characters.Single().Name));
        Assert.Equal(plain.Paragraphs, marked.Paragraphs);
        Assert.Empty(marked.Warnings);
    }

    [Fact]
    public async Task Windows_1252_curly_quotes_and_dashes_read_as_themselves_not_as_control_characters()
    {
        var bytes = CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetBytes("INT. CAFÉ - DAY\n\nJOSÉ\n“Olé” — he said…\n");

        var file = await ScriptFileReader.ReadAsync(new MemoryStream(bytes), "old.txt", TestContext.Current.CancellationToken);

        Assert.Equal("“Olé” — he said…", file.Screenplay.Elements[^1].Text);
        Assert.Contains(file.Warnings, w => w.Message.Contains("Windows-1252"));
    }

    [Fact]
    public async Task A_byte_order_mark_over_text_that_breaks_its_encoding_is_refused_clearly()
    {
        byte[] loneSurrogate = [0xFF, 0xFE, 0x00, 0xD8, 0x41, 0x00];

        Assert.Contains("not valid UTF-16", (await RefusedAsync(loneSurrogate, "broken.fountain")).Message);
    }

    [Theory]
    [InlineData("script.docx", "not a screenplay file")]
    [InlineData("script.pdf", "not a screenplay file")]
    public async Task Other_file_types_are_refused_by_name(string name, string reason)
    {
        Assert.Contains(reason, (await RefusedAsync([1, 2, 3], name)).Message);
    }

    [Fact]
    public async Task Binary_empty_huge_and_hostile_files_are_refused_clearly()
    {
        Assert.Contains("binary", (await RefusedAsync([0x50, 0x4B, 0x03, 0x04, 0, 0, 1], "zip.fountain")).Message);
        Assert.Contains("no screenplay text", (await RefusedAsync([], "empty.fountain")).Message);
        Assert.Contains("5 MB", (await RefusedAsync(new byte[6 * 1024 * 1024], "huge.fountain")).Message);
        Assert.Contains("10 MB", (await RefusedAsync(new byte[50 * 1024 * 1024], "huge.fdx")).Message);
        Assert.Contains("DTD", (await RefusedAsync(Encoding.UTF8.GetBytes("<!DOCTYPE a [<!ENTITY b \"c\">]><FinalDraft/>"), "bomb.fdx")).Message);
        Assert.Contains("well-formed", (await RefusedAsync(Encoding.UTF8.GetBytes("<FinalDraft><Content>"), "broken.fdx")).Message);
    }
}
