using WritersRoom.Core.Retrieval;

namespace WritersRoom.Web.Chat;

/// <summary>A turn's prepared prompt, the scenes it holds (for citations) and the tools bound to the caller.</summary>
public sealed record ChatContext(AssembledPrompt Prompt, IReadOnlyList<SceneDocument> Scenes, ScriptTools Tools);
