namespace WritersRoom.Web.Components.Chat;

/// <summary>
/// Where the writer is in the editor when they send a message: the scene the cursor is in (shown as
/// <see cref="Label"/>) and the selected text, if any. The pipeline checks the scene against the script again.
/// </summary>
public sealed record ChatFocus(Guid SceneId, string Label, string? Selection);

/// <summary>
/// One script page's bridge from its editor to the assistant panel beside it: the editor says how to read where the
/// writer is, the panel asks when it sends. A plain object the page owns (each circuit its own), never a service.
/// </summary>
public sealed class EditorFocus
{
    private Func<Task<ChatFocus?>>? provider;

    /// <summary>Set by the editor while it is open; the returned object clears it again.</summary>
    public IDisposable Provide(Func<Task<ChatFocus?>> read)
    {
        provider = read;
        return new Registration(this, read);
    }

    /// <summary>Where the writer is now, or null (no editor, or it could not tell).</summary>
    public Task<ChatFocus?> ReadAsync() => provider?.Invoke() ?? Task.FromResult<ChatFocus?>(null);

    private sealed class Registration(EditorFocus owner, Func<Task<ChatFocus?>> read) : IDisposable
    {
        public void Dispose()
        {
            if (owner.provider == read) owner.provider = null;
        }
    }
}
