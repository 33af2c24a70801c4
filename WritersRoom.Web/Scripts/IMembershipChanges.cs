namespace WritersRoom.Web.Scripts;

/// <summary>
/// Tells every instance that someone's role on a script changed, so cached roles are dropped everywhere at once.
/// In process by default; Redis carries it to the other instances when configured.
/// </summary>
public interface IMembershipChanges
{
    void Publish(string userId, Guid scriptId);

    IDisposable Subscribe(Action<string, Guid> handler);
}

/// <summary>A single instance: <see cref="ScriptAccess.Forget"/> already dropped the entry here.</summary>
public sealed class LocalMembershipChanges : IMembershipChanges
{
    public void Publish(string userId, Guid scriptId) { }

    public IDisposable Subscribe(Action<string, Guid> handler) => NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();
        public void Dispose() { }
    }
}
