using WritersRoom.Core.Retrieval;

namespace WritersRoom.Web.Chat;

/// <summary>A turn's prepared prompt, the scenes it holds (for citations) and the tools bound to the caller.</summary>
public sealed record ChatContext(AssembledPrompt Prompt, IReadOnlyList<SceneDocument> Scenes, ScriptTools Tools)
{
    /// <summary>The context step's parts (global, history, embedding, retrieval, prompt; they overlap) and its own share.</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();
}
