using WritersRoom.Data.Entities;
using WritersRoom.Web.Chat;

namespace WritersRoom.Web.Tests.Chat;

public sealed class ChatMarkdownTests
{
    private static readonly Guid Script = Guid.NewGuid();
    private static readonly Citation Cave = new(Guid.NewGuid(), "2", "EXT. CAVE - DAY", [Guid.NewGuid()], 2);

    [Fact]
    public void Markdown_is_rendered_and_raw_html_from_the_model_never_reaches_the_page()
    {
        var html = ChatMarkdown.ToHtml(
            "**Bold** and *soft*\n\n- one\n- two\n\n<script>alert(1)</script>\n\n<img src=x onerror=alert(2)>\n\n[click](javascript:alert(3))",
            Script, []);

        Assert.Contains("<strong>Bold</strong>", html);
        Assert.Contains("<li>one</li>", html);
        Assert.DoesNotContain("<script", html);
        Assert.DoesNotContain("<img", html);
        Assert.DoesNotContain("javascript:", html);
        Assert.DoesNotContain("onerror=", html.Replace("&lt;img src=x onerror=alert(2)&gt;", "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_link_out_of_the_app_opens_in_a_new_tab_without_an_opener()
    {
        var html = ChatMarkdown.ToHtml("[docs](https://example.com/x)", Script, []);

        Assert.Contains("target=\"_blank\"", html);
        Assert.Contains("rel=\"noopener noreferrer nofollow\"", html);
    }

    [Fact]
    public void A_cited_scene_marker_becomes_a_link_to_the_scene_with_its_paragraphs_and_other_markers_stay_text()
    {
        var html = ChatMarkdown.ToHtml("Karl sulks [Scene 2], see [Scene 7] and `[Scene 2]`.", Script, [Cave]);

        Assert.Single(System.Text.RegularExpressions.Regex.Matches(html, "data-testid=\"citation\""));
        Assert.Contains($"data-scene-id=\"{Cave.SceneId}\"", html);
        Assert.Contains($"href=\"/scripts/{Script}?scene={Cave.SceneId}&amp;at={Cave.BlockIds![0]}\"", html);
        Assert.Contains(">Scene 2</a>", html);
        Assert.Contains("[Scene 7]", html);
        Assert.Contains("<code>[Scene 2]</code>", html);
    }

    [Fact]
    public void A_marker_in_a_heading_made_by_the_model_cannot_smuggle_markup_into_the_link()
    {
        var hostile = Cave with { Heading = "\"><script>alert(1)</script>" };

        var html = ChatMarkdown.ToHtml("[Scene 2]", Script, [hostile]);

        Assert.DoesNotContain("<script", html);
        Assert.Contains("data-testid=\"citation\"", html);
    }

    [Fact]
    public void The_blocks_of_a_citation_link_read_back_and_junk_is_ignored()
    {
        var a = Guid.NewGuid();
        var b = Guid.NewGuid();

        Assert.Equal([a, b], CitationLinks.ParseBlocks($"{a},nonsense,{b}"));
        Assert.Empty(CitationLinks.ParseBlocks(null));
    }
}
