using WritersRoom.Core.Retrieval;

namespace WritersRoom.Web.Chat;

/// <summary>A turn's prepared prompt, the scenes it holds (for citations) and the tools bound to the caller.</summary>
public sealed record ChatContext(AssembledPrompt Prompt, IReadOnlyList<SceneDocument> Scenes, ScriptTools Tools)
{
    /// <summary>The rewrite tool: the answer's proposals are collected here.</summary>
    public RewriteTools? Rewrites { get; init; }

    /// <summary>The scene the writer's cursor is in, when the panel sent one and it is in the script.</summary>
    public SceneDocument? CurrentScene { get; init; }

    /// <summary>Every scene the model was shown this turn (given, read through a tool, rewritten): what the answer may cite.</summary>
    public IReadOnlyList<SceneDocument> CitableScenes =>
        Scenes.Concat(Tools.ScenesRead).Concat(Rewrites?.ScenesTargeted ?? []).DistinctBy(s => s.SceneId).ToList();

    /// <summary>The context step's parts (global, history, embedding, retrieval, prompt; they overlap) and its own share.</summary>
    public IReadOnlyDictionary<string, double> Timings { get; init; } = new Dictionary<string, double>();
}
