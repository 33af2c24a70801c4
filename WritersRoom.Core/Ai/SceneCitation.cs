using System.Text.RegularExpressions;

namespace WritersRoom.Core.Ai;

/// <summary>
/// The one convention shared by prompt assembly, the model's answer and the chat UI:
/// retrieved scenes enter the prompt as blocks whose first line is <c>[Scene 12] INT. HOUSE - NIGHT</c>
/// (the block runs to the next such line or the end of the message), and an answer cites a scene as
/// <c>[Scene 12]</c>, which the chat turns into a link. N is the scene's number in the script.
/// </summary>
public static partial class SceneCitation
{
    /// <summary>The marker for scene <paramref name="sceneNumber"/>, e.g. <c>[Scene 12]</c>.</summary>
    public static string Format(int sceneNumber) => $"[Scene {sceneNumber}]";

    /// <summary>The first line of a context block, e.g. <c>[Scene 12] INT. HOUSE - NIGHT</c>.</summary>
    public static string FormatBlockHeader(int sceneNumber, string heading) =>
        string.IsNullOrWhiteSpace(heading) ? Format(sceneNumber) : $"{Format(sceneNumber)} {heading.Trim()}";

    /// <summary>The scene numbers an answer cites, in order of first mention, without repeats.</summary>
    public static IReadOnlyList<int> FindAll(string? text)
    {
        if (string.IsNullOrEmpty(text))
            return [];

        var numbers = new List<int>();
        foreach (Match match in Marker().Matches(text))
            if (int.TryParse(match.Groups[1].ValueSpan, out var number) && !numbers.Contains(number))
                numbers.Add(number);
        return numbers;
    }

    /// <summary>Finds the <c>[Scene N]</c> markers; group 1 is N.</summary>
    public static Regex MarkerPattern => Marker();

    [GeneratedRegex(@"\[Scene (\d{1,9})\]")]
    private static partial Regex Marker();

    [GeneratedRegex(@"^[ \t]*\[Scene (?<number>\d{1,9})\][ \t]*(?<heading>[^\r\n]*?)[ \t]*\r?$", RegexOptions.Multiline)]
    internal static partial Regex BlockHeader();
}
