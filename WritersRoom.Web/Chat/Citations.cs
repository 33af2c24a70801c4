using System.Text.RegularExpressions;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Turns the answer's <c>[Scene N]</c> markers into links to the scenes the model was shown (given in the prompt, or read
/// through its tools); paragraphs quoted in the answer become the highlighted blocks: a paragraph given whole, or one
/// that holds a quotation of the answer (a speaker's "NAME:" before it and a trailing ellipsis aside). A number that
/// names no scene it was shown (another script's, one that does not exist) is dropped,
/// never guessed.
/// </summary>
public static partial class Citations
{
    private const int MinQuotedLength = 12;

    /// <param name="scenes">The scenes the model was shown (given, or read through its tools): a number naming none of them is dropped.</param>
    /// <param name="about">The scene the question was about ("this scene"): cited when the answer cites no scene at all.</param>
    public static List<Citation> From(string answer, IReadOnlyList<SceneDocument> scenes, SceneDocument? about = null)
    {
        ArgumentNullException.ThrowIfNull(answer);
        ArgumentNullException.ThrowIfNull(scenes);
        var byNumber = scenes.GroupBy(s => s.Number).ToDictionary(g => g.Key, g => g.First());
        var quotations = Quotations(answer);
        var citations = new List<Citation>();
        var numbers = SceneCitation.FindAll(answer).Where(byNumber.ContainsKey).ToList();
        if (numbers.Count == 0 && about is not null)
        {
            byNumber[about.Number] = about;
            numbers.Add(about.Number);
        }
        foreach (var number in numbers)
        {
            var scene = byNumber[number];
            var quoted = new List<Guid>();
            for (var i = 0; i < scene.BlockIds.Count; i++)
            {
                var text = scene.BlockTexts[i];
                if ((text.Length >= MinQuotedLength && answer.Contains(text, StringComparison.Ordinal))
                    || quotations.Any(q => text.Contains(q, StringComparison.Ordinal)))
                    quoted.Add(scene.BlockIds[i]);
            }

            citations.Add(new Citation(scene.SceneId, scene.ProductionNumber ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                scene.Heading, quoted.Count > 0 ? quoted : null, number));
        }

        return citations;
    }

    private static List<string> Quotations(string answer) =>
        Quoted().Matches(answer)
            .Select(m => Speaker().Replace(m.Groups["q"].Value, "").TrimEnd('…', '.', ' ').Trim())
            .Where(q => q.Length >= MinQuotedLength)
            .Distinct()
            .ToList();

    [GeneratedRegex("[\"“](?<q>[^\"“”\\n]{12,})[\"”]")]
    private static partial Regex Quoted();

    [GeneratedRegex(@"^[A-Z0-9][A-Z0-9 .'\-]*(\([^)]*\))?:\s+")]
    private static partial Regex Speaker();
}
