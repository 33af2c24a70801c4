using System.Text;

namespace WritersRoom.Web.Scripts;

/// <summary>
/// The bytes of a plain-text screenplay as text. A byte order mark says the encoding (UTF-8, UTF-16 as Windows
/// Notepad saves "Unicode", UTF-32); without one the text is UTF-8 if it is valid UTF-8, else Windows-1252, which
/// older Windows tools write (its curly quotes and dashes would be control characters read as ISO Latin-1).
/// </summary>
public static class ScriptTextDecoder
{
    private static readonly Encoding Windows1252 = CodePagesEncodingProvider.Instance.GetEncoding(1252)
        ?? throw new InvalidOperationException("Code page 1252 is not available.");

    private static readonly (byte[] Bom, Encoding Encoding, string Name)[] Marked =
    [
        // UTF-32 LE first: its mark starts with UTF-16 LE's.
        ([0xFF, 0xFE, 0x00, 0x00], new UTF32Encoding(bigEndian: false, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32"),
        ([0x00, 0x00, 0xFE, 0xFF], new UTF32Encoding(bigEndian: true, byteOrderMark: false, throwOnInvalidCharacters: true), "UTF-32"),
        ([0xEF, 0xBB, 0xBF], new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true), "UTF-8"),
        ([0xFF, 0xFE], new UnicodeEncoding(bigEndian: false, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16"),
        ([0xFE, 0xFF], new UnicodeEncoding(bigEndian: true, byteOrderMark: false, throwOnInvalidBytes: true), "UTF-16"),
    ];

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The text, and whether it had to be guessed as Windows-1252 (the writer is warned then).</summary>
    /// <exception cref="ImportException">Binary content, or text that breaks the encoding its own mark names.</exception>
    public static (string Text, bool Windows1252) Decode(ReadOnlySpan<byte> bytes)
    {
        foreach (var (bom, encoding, name) in Marked)
        {
            if (!bytes.StartsWith(bom)) continue;
            try
            {
                return (Text(encoding.GetString(bytes[bom.Length..])), false);
            }
            catch (DecoderFallbackException)
            {
                throw new ImportException($"The file starts with a {name} byte order mark but is not valid {name} text.");
            }
        }

        if (bytes.IndexOf((byte)0) >= 0)
            throw new ImportException("This looks like a binary file, not a Fountain screenplay (plain text). Save it as UTF-8 text.");
        try
        {
            return (StrictUtf8.GetString(bytes), false);
        }
        catch (DecoderFallbackException)
        {
            return (Windows1252.GetString(bytes), true);
        }
    }

    // A NUL in decoded text is no screenplay either (and PostgreSQL text refuses it).
    private static string Text(string text) => text.Contains('\0')
        ? throw new ImportException("This looks like a binary file, not a Fountain screenplay (plain text). Save it as UTF-8 text.")
        : text;
}
