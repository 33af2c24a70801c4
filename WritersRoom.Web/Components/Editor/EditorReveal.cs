namespace WritersRoom.Web.Components.Editor;

/// <summary>
/// A request to bring a scene into view and highlight paragraphs of it (a citation from the assistant). A new
/// instance is a new request: the editor acts on each once. No paragraphs means the whole scene.
/// </summary>
public sealed record EditorReveal(Guid SceneId, IReadOnlyList<Guid> BlockIds);
