namespace WritersRoom.Web.Bible;

/// <summary>
/// Tells every instance that a script's cached global context is out of date. In process for now; the
/// production issue adds a Redis implementation so other instances hear it too.
/// </summary>
public interface IScriptInvalidationBus
{
    Task PublishAsync(Guid scriptId, CancellationToken ct = default);

    /// <summary>Calls <paramref name="handler"/> for every published script id until the result is disposed.</summary>
    IDisposable Subscribe(Action<Guid> handler);
}
