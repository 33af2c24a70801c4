using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Ganss.Xss;
using Markdig;
using WritersRoom.Core.Ai;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// An answer as HTML the page can show: Markdown with raw HTML disabled, then sanitized to a short list of tags
/// (the model's text is untrusted: the script it read may carry anything). The <c>[Scene N]</c> markers of the
/// scenes the answer cites become links that open the scene in the editor; they are built as DOM nodes after
/// sanitizing, so no text of the answer can shape them. Markers inside code or links stay text.
/// </summary>
public static class ChatMarkdown
{
    private static readonly MarkdownPipeline Markdown = new MarkdownPipelineBuilder()
        .DisableHtml().UsePipeTables().UseEmphasisExtras().UseAutoLinks().UseSoftlineBreakAsHardlineBreak().Build();

    private static readonly HtmlSanitizer Sanitizer = new(new HtmlSanitizerOptions
    {
        AllowedTags = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "p", "br", "strong", "em", "del", "s", "code", "pre", "blockquote", "ul", "ol", "li",
            "h1", "h2", "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td", "a",
        },
        AllowedAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href", "title", "start", "align" },
        AllowedSchemes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "http", "https", "mailto" },
        UriAttributes = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "href" },
        AllowedCssProperties = new HashSet<string>(),
        AllowedAtRules = new HashSet<AngleSharp.Css.Dom.CssRuleType>(),
    });

    /// <summary>Sanitized HTML for <paramref name="markdown"/>, with links for the cited scenes of <paramref name="scriptId"/>.</summary>
    public static string ToHtml(string markdown, Guid scriptId, IReadOnlyList<Citation> citations)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        ArgumentNullException.ThrowIfNull(citations);
        var document = Sanitizer.SanitizeDom(Markdig.Markdown.ToHtml(markdown, Markdown));
        var body = document.Body!;
        foreach (var link in body.QuerySelectorAll("a[href]"))
        {
            // A link out of the app opens beside it: the writer's editor and thread stay where they are.
            if (!Uri.TryCreate(link.GetAttribute("href"), UriKind.Absolute, out _)) continue;
            link.SetAttribute("target", "_blank");
            link.SetAttribute("rel", "noopener noreferrer nofollow");
        }

        if (citations.Count > 0) LinkCitations(document, body, scriptId, citations);
        return body.InnerHtml;
    }

    private static void LinkCitations(IDocument document, IElement body, Guid scriptId, IReadOnlyList<Citation> citations)
    {
        var byOrdinal = citations.Where(c => c.Ordinal is not null).GroupBy(c => c.Ordinal!.Value).ToDictionary(g => g.Key, g => g.First());
        var texts = body.Descendants<IText>().Where(t => SceneCitation.MarkerPattern.IsMatch(t.Data) && !InsideCodeOrLink(t)).ToList();
        foreach (var text in texts)
        {
            var nodes = new List<INode>();
            var at = 0;
            foreach (Match match in SceneCitation.MarkerPattern.Matches(text.Data))
            {
                if (!int.TryParse(match.Groups[1].ValueSpan, out var ordinal) || !byOrdinal.TryGetValue(ordinal, out var citation)) continue;
                if (match.Index > at) nodes.Add(document.CreateTextNode(text.Data[at..match.Index]));
                nodes.Add(Link(document, scriptId, citation));
                at = match.Index + match.Length;
            }

            if (nodes.Count == 0) continue;
            if (at < text.Data.Length) nodes.Add(document.CreateTextNode(text.Data[at..]));
            text.Replace([.. nodes]);
        }
    }

    private static IElement Link(IDocument document, Guid scriptId, Citation citation)
    {
        var a = document.CreateElement("a");
        a.SetAttribute("href", CitationLinks.Href(scriptId, citation));
        a.SetAttribute("class", "citation");
        a.SetAttribute("data-testid", "citation");
        a.SetAttribute("data-scene-id", citation.SceneId.ToString());
        a.SetAttribute("title", citation.Heading);
        a.TextContent = "Scene " + (citation.SceneNumber ?? citation.Ordinal?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return a;
    }

    private static bool InsideCodeOrLink(INode node)
    {
        for (var parent = node.ParentElement; parent is not null; parent = parent.ParentElement)
            if (parent.LocalName is "a" or "code" or "pre") return true;
        return false;
    }
}
