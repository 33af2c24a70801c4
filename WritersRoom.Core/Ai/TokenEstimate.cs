namespace WritersRoom.Core.Ai;

/// <summary>
/// A rough token count (about four characters a token in English) for providers that report no usage,
/// such as the offline client: good enough for budgets and the usage roll-ups, not for billing.
/// </summary>
public static class TokenEstimate
{
    public static int Approximate(string? text) => string.IsNullOrEmpty(text) ? 0 : (text.Length + 3) / 4;
}
