using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Editing.Rewrites;

/// <summary>A writer applied, dismissed or undid a proposal: its state as stored now, on message <see cref="MessageId"/>.</summary>
public sealed record ProposalChanged(Guid ScriptId, Guid MessageId, RewriteProposal Proposal);

/// <summary>
/// Tells every open view of a message (another writer on a shared thread, the same writer's other tab, the full-page
/// assistant and the panel beside the editor) that one of its proposals changed, so its card shows the new state at once.
/// In process by default; Redis carries it to the other instances when configured. Publishing never blocks or throws.
/// </summary>
public interface IProposalChanges
{
    void Publish(ProposalChanged change);

    /// <summary>Calls <paramref name="handler"/> for each change to a proposal of <paramref name="messageId"/> until the result is disposed.</summary>
    IDisposable Subscribe(Guid messageId, Action<ProposalChanged> handler);
}

/// <summary>A single instance: the cards open on it are all there is to tell.</summary>
public sealed class LocalProposalChanges(ILogger<LocalProposalChanges> log) : IProposalChanges
{
    private readonly ProposalListeners listeners = new(log);

    public void Publish(ProposalChanged change) => listeners.Notify(change);

    public IDisposable Subscribe(Guid messageId, Action<ProposalChanged> handler) => listeners.Add(messageId, handler);
}
