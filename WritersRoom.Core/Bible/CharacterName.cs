using System.Text;
using System.Text.RegularExpressions;

namespace WritersRoom.Core.Bible;

/// <summary>
/// Folds the variants of a character cue to one name: "WILL (V.O.)", "Will (CONT'D)" and "WILL ^" are all WILL.
/// The parser already splits extensions off, but pasted or hand-typed cues may still carry them.
/// </summary>
public static partial class CharacterName
{
    public static string Fold(string cue)
    {
        ArgumentNullException.ThrowIfNull(cue);
        var name = Parenthesised().Replace(cue, " ");
        name = name.Replace("^", " ").Replace("@", " ");
        // A trailing CONT'D without parentheses is a common hand-typed variant.
        name = TrailingContinued().Replace(name, "");
        var folded = new StringBuilder(name.Length);
        foreach (var word in name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries))
        {
            if (folded.Length > 0) folded.Append(' ');
            folded.Append(word.ToUpperInvariant());
        }
        return folded.ToString().Trim('.', ',', ':', ' ');
    }

    [GeneratedRegex(@"\([^()]*\)")]
    private static partial Regex Parenthesised();

    [GeneratedRegex(@"\s+CONT['’]?D\.?\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex TrailingContinued();
}
