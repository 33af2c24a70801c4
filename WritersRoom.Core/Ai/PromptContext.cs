namespace WritersRoom.Core.Ai;

/// <summary>
/// A prompt message split along the <see cref="SceneCitation"/> convention: the text before the first
/// scene block (in a user message, the question itself) and the scene blocks.
/// </summary>
public sealed record PromptContext(string Preamble, IReadOnlyList<ScenePassage> Passages)
{
    public static PromptContext Parse(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return new("", []);

        var headers = SceneCitation.BlockHeader().Matches(text);
        if (headers.Count == 0)
            return new(text.Trim(), []);

        var passages = new List<ScenePassage>(headers.Count);
        for (var i = 0; i < headers.Count; i++)
        {
            var header = headers[i];
            var bodyStart = header.Index + header.Length;
            var bodyEnd = i + 1 < headers.Count ? headers[i + 1].Index : text.Length;
            passages.Add(new ScenePassage(
                int.Parse(header.Groups["number"].ValueSpan),
                header.Groups["heading"].Value,
                text[bodyStart..bodyEnd].Trim('\r', '\n', ' ', '\t')));
        }

        return new(text[..headers[0].Index].Trim(), passages);
    }
}
