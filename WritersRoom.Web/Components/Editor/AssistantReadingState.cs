namespace WritersRoom.Web.Components.Editor;

/// <summary>Scenes the assistant has not read in their current form, and those it failed to read (with the error).</summary>
public sealed record AssistantReadingState(IReadOnlySet<Guid> Unread, IReadOnlyDictionary<Guid, string> Failed)
{
    public static readonly AssistantReadingState None = new(new HashSet<Guid>(), new Dictionary<Guid, string>());
}
