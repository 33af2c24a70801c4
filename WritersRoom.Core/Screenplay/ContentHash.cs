using System.Security.Cryptography;
using System.Text;

namespace WritersRoom.Core.Screenplay;

/// <summary>A short, stable fingerprint of a scene's text: summaries and embeddings made from another one are stale.</summary>
public static class ContentHash
{
    public static string Of(IEnumerable<(ElementType Type, string Text)> paragraphs)
    {
        var text = new StringBuilder();
        foreach (var (type, value) in paragraphs)
            text.Append(type.Name()).Append('\u001f').Append(value).Append('\u001e');
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString()));
        return Convert.ToHexStringLower(hash.AsSpan(0, 12));
    }
}
