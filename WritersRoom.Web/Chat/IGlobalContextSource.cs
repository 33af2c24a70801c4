namespace WritersRoom.Web.Chat;

/// <summary>
/// The script's logline, outline and main character sheets as prompt text. Stand-in for the Bible's
/// GlobalContextCache (another branch): that one should implement this interface and replace
/// <see cref="CachedGlobalContext"/> in the registration; its writers call <see cref="Invalidate"/>.
/// </summary>
public interface IGlobalContextSource
{
    ValueTask<string?> GetAsync(Guid scriptId, CancellationToken ct = default);

    void Invalidate(Guid scriptId);
}
