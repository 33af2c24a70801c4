using System.Collections.Concurrent;
using System.Collections.Immutable;

namespace WritersRoom.Web.Editing.Rewrites;

/// <summary>
/// The cards listening on this instance, by message: a change reaches only the views of its own message, however many
/// cards are open elsewhere. A failing handler is logged and the others still hear the change.
/// </summary>
public sealed class ProposalListeners(ILogger log)
{
    private readonly ConcurrentDictionary<Guid, ImmutableList<Action<ProposalChanged>>> byMessage = new();

    public IDisposable Add(Guid messageId, Action<ProposalChanged> handler)
    {
        byMessage.AddOrUpdate(messageId, _ => [handler], (_, list) => list.Add(handler));
        return new Subscription(() => Remove(messageId, handler));
    }

    public void Notify(ProposalChanged change)
    {
        if (!byMessage.TryGetValue(change.MessageId, out var handlers)) return;
        foreach (var handler in handlers)
        {
            try
            {
                handler(change);
            }
            catch (Exception e)
            {
                log.LogWarning(e, "A view of message {MessageId} failed to take a proposal change", change.MessageId);
            }
        }
    }

    private void Remove(Guid messageId, Action<ProposalChanged> handler)
    {
        while (byMessage.TryGetValue(messageId, out var list))
        {
            var rest = list.Remove(handler);
            // The last listener of a message takes its entry away (only if nobody added one meanwhile).
            if (rest.IsEmpty ? byMessage.TryRemove(KeyValuePair.Create(messageId, list)) : byMessage.TryUpdate(messageId, rest, list)) return;
        }
    }

    private sealed class Subscription(Action dispose) : IDisposable
    {
        private Action? dispose = dispose;
        public void Dispose() => Interlocked.Exchange(ref this.dispose, null)?.Invoke();
    }
}
