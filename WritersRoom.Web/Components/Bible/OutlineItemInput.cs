namespace WritersRoom.Web.Components.Bible;

/// <summary>What the outline item dialog returns; the editor validates it again on the server.</summary>
public sealed record OutlineItemInput(string Title, string? Description, IReadOnlyCollection<Guid> SceneIds);
