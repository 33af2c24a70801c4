using System.Text.RegularExpressions;

namespace WritersRoom.Core.Ai;

/// <summary>
/// Cuts a scene's text into the pieces an extractive answer may quote: action is split into sentences,
/// a dialogue line keeps its speaker ("WILL: I never believed him.") so the quote makes sense on its own,
/// and parentheticals and character cues are not quoted by themselves.
/// </summary>
public static partial class QuotableUnits
{
    private const int MaxCueLength = 50;

    public static List<string> Split(string? sceneText)
    {
        var units = new List<string>();
        if (string.IsNullOrWhiteSpace(sceneText))
            return units;

        var lines = sceneText.Split('\n');
        string? speaker = null;
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                speaker = null;
                continue;
            }

            var nextIsText = i + 1 < lines.Length && lines[i + 1].Trim().Length > 0;
            if (speaker is null && nextIsText && IsCharacterCue(line))
            {
                speaker = CueName().Replace(line, "").Trim();
                continue;
            }

            if (line.StartsWith('(') && line.EndsWith(')'))
                continue;

            foreach (var sentence in Sentence().Split(line))
                if (sentence.Trim() is { Length: > 0 } text)
                    units.Add(speaker is null ? text : $"{speaker}: {text}");
        }

        return units;
    }

    // A cue is a short upper-case line ("WILL", "EDWARD (V.O.)"), not a heading or a transition ("CUT TO:").
    private static bool IsCharacterCue(string line) =>
        line.Length <= MaxCueLength
        && line.Any(char.IsLetter)
        && !line.Any(char.IsLower)
        && !line.EndsWith(':')
        && !line.StartsWith("INT", StringComparison.Ordinal)
        && !line.StartsWith("EXT", StringComparison.Ordinal);

    [GeneratedRegex(@"(?<=[.!?])\s+(?=\S)")]
    private static partial Regex Sentence();

    // Drops the extension from a cue: "WILL (V.O.)" → "WILL", "JENNY (CONT'D)" → "JENNY".
    [GeneratedRegex(@"\s*\(.*\)\s*$")]
    private static partial Regex CueName();
}
