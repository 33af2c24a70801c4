namespace WritersRoom.Web.Components.Chat;

/// <summary>
/// The messages of the open thread. <see cref="Version"/> moves only when a message is added or removed, so the
/// list re-renders for that and never for a token (the message itself handles those).
/// </summary>
public sealed class MessageLog
{
    private readonly List<MessageView> items = [];

    public MessageLog(IEnumerable<MessageView>? items = null)
    {
        if (items is not null) this.items.AddRange(items);
    }

    public IReadOnlyList<MessageView> Items => items;
    public int Version { get; private set; }

    public void Add(MessageView message)
    {
        items.Add(message);
        Version++;
    }

    public void Insert(int index, MessageView message)
    {
        items.Insert(index, message);
        Version++;
    }

    public void Remove(MessageView message)
    {
        if (items.Remove(message)) Version++;
    }

    public int IndexOf(MessageView message) => items.IndexOf(message);
}
