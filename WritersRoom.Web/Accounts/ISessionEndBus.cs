namespace WritersRoom.Web.Accounts;

/// <summary>
/// Tells the other instances that an account's sessions were ended (by the hash of the security stamp its cookies
/// carried). In process by default: a single instance has nobody to tell. Redis carries it when configured.
/// </summary>
public interface ISessionEndBus
{
    void Publish(string userId, string stampHash);

    IDisposable Subscribe(Action<string, string> handler);
}

/// <summary>A single instance: <see cref="SessionEndings"/> already acted here.</summary>
public sealed class LocalSessionEndBus : ISessionEndBus
{
    public void Publish(string userId, string stampHash) { }

    public IDisposable Subscribe(Action<string, string> handler) => NoSubscription.Instance;

    private sealed class NoSubscription : IDisposable
    {
        public static readonly NoSubscription Instance = new();
        public void Dispose() { }
    }
}
