using Microsoft.ML.Tokenizers;

namespace WritersRoom.Core.Retrieval;

/// <summary>
/// cl100k_base from the bundled data package (no download): exact for GPT-4-class models and close enough
/// for others to keep a prompt inside its budget.
/// </summary>
public sealed class TiktokenCounter : ITokenCounter
{
    private readonly Tokenizer _tokenizer = TiktokenTokenizer.CreateForEncoding("cl100k_base");

    public int Count(string text) => string.IsNullOrEmpty(text) ? 0 : _tokenizer.CountTokens(text);
}
