using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// Turns the answer's <c>[Scene N]</c> markers into links to the scenes it was given; paragraphs quoted in the
/// answer become the highlighted blocks. A number that names no given scene is dropped, never guessed.
/// </summary>
public static class Citations
{
    private const int MinQuotedLength = 12;

    public static List<Citation> From(string answer, IReadOnlyList<SceneDocument> scenes)
    {
        var byNumber = scenes.GroupBy(s => s.Number).ToDictionary(g => g.Key, g => g.First());
        var citations = new List<Citation>();
        foreach (var number in SceneCitation.FindAll(answer))
        {
            if (!byNumber.TryGetValue(number, out var scene)) continue;
            var quoted = new List<Guid>();
            for (var i = 0; i < scene.BlockIds.Count; i++)
                if (scene.BlockTexts[i].Length >= MinQuotedLength && answer.Contains(scene.BlockTexts[i], StringComparison.Ordinal))
                    quoted.Add(scene.BlockIds[i]);
            citations.Add(new Citation(scene.SceneId, scene.ProductionNumber ?? number.ToString(System.Globalization.CultureInfo.InvariantCulture),
                scene.Heading, quoted.Count > 0 ? quoted : null, number));
        }

        return citations;
    }
}
