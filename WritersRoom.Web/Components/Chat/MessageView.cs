using System.Text;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Chat;

namespace WritersRoom.Web.Components.Chat;

/// <summary>What a message shows: <c>data-status</c> in the page is the lower-case name.</summary>
public enum MessageViewStatus
{
    /// <summary>A user's message on its way to the database.</summary>
    Sending,
    Streaming,
    Complete,

    /// <summary>Stopped by the writer or cut off mid-answer: the part that arrived is kept and can be retried.</summary>
    Incomplete,
    Failed,
}

/// <summary>
/// One message as the chat shows it, mutable while it streams. <see cref="Version"/> moves on every change and
/// <see cref="Changed"/> tells the one component that shows this message, so a token re-renders that message only.
/// </summary>
public sealed class MessageView
{
    private readonly StringBuilder content = new();
    private string? text;

    public MessageView(MessageRole role, string content, MessageViewStatus status)
    {
        Role = role;
        this.content.Append(content);
        Status = status;
    }

    public Guid? Id { get; private set; }
    public MessageRole Role { get; }
    public MessageViewStatus Status { get; private set; }
    public string Content => text ??= content.ToString();

    /// <summary>Why the message failed or stopped, or why it was not sent, in words for the writer.</summary>
    public string? Note { get; private set; }
    public IReadOnlyList<Citation> Citations { get; private set; } = [];

    /// <summary>Rewrites the assistant proposed in this answer (as stored; each card keeps its own state after that).</summary>
    public IReadOnlyList<RewriteProposal> Proposals { get; private set; } = [];

    /// <summary>Where the writer was when asking (a user's message sent from beside the editor), e.g. "Scene 3 · INT. HOUSE".</summary>
    public string? Focus { get; init; }

    /// <summary>The send this message belongs to: a retry repeats it with the same idempotency key.</summary>
    public ChatTurnRequest? Turn { get; set; }

    /// <summary>A user's message that has no answer (the answer was never saved): it can be sent again.</summary>
    public bool Unanswered { get; private set; }

    public int Version { get; private set; }
    public event Action? Changed;

    public bool CanRetry => Turn is not null && (Status is MessageViewStatus.Failed or MessageViewStatus.Incomplete || Unanswered);

    public string StatusName => Status.ToString().ToLowerInvariant();

    public static MessageView From(Message message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var view = new MessageView(message.Role, message.Content, message.Status switch
        {
            MessageStatus.Failed => MessageViewStatus.Failed,
            MessageStatus.Incomplete => MessageViewStatus.Incomplete,
            MessageStatus.Streaming => MessageViewStatus.Incomplete,
            _ => MessageViewStatus.Complete,
        })
        {
            Id = message.Id,
            Note = message.Error,
            Citations = message.Citations,
            Proposals = message.Proposals,
        };
        return view;
    }

    public void Stored(Guid id) => Update(() =>
    {
        Id = id;
        Status = MessageViewStatus.Complete;
        Note = null;
        Unanswered = false;
    });

    public void Append(string piece) => Update(() =>
    {
        content.Append(piece);
        text = null;
    });

    /// <summary>Starts the message over for a retry: same message, same place in the thread.</summary>
    public void Restart(MessageViewStatus status) => Update(() =>
    {
        content.Clear();
        text = null;
        Status = status;
        Note = null;
        Citations = [];
        Proposals = [];
        Unanswered = false;
    });

    public void Finish(Message message) => Update(() =>
    {
        ArgumentNullException.ThrowIfNull(message);
        Id = message.Id;
        content.Clear().Append(message.Content);
        text = null;
        Citations = message.Citations;
        Proposals = message.Proposals;
        Note = message.Error;
        Status = message.Status switch
        {
            MessageStatus.Failed => MessageViewStatus.Failed,
            MessageStatus.Incomplete => MessageViewStatus.Incomplete,
            _ => MessageViewStatus.Complete,
        };
    });

    public void Fail(string note, MessageViewStatus status = MessageViewStatus.Failed) => Update(() =>
    {
        Status = status;
        Note = note;
    });

    public void MarkUnanswered(ChatTurnRequest turn) => Update(() =>
    {
        Turn = turn;
        Unanswered = true;
    });

    private void Update(Action change)
    {
        change();
        Version++;
        Changed?.Invoke();
    }
}
