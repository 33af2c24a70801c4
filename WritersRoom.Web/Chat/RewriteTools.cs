using System.ComponentModel;
using Microsoft.SemanticKernel;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;
using WritersRoom.Core.Rewrites;
using WritersRoom.Core.Screenplay;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Chat;

/// <summary>
/// The assistant's way to propose a rewrite: a tool, so the proposal is structured (which scene, which paragraphs and
/// the text they had when it read them, the new text), never guessed from its prose. Like the other tools it is bound
/// to the turn's script and caller and re-checks access on each call. It targets only what the model was shown this
/// turn (the retrieved scenes, the current scene, what the tools read), with the text it was shown: if a co-writer has
/// changed that text since, applying is refused rather than overwriting them. Nothing changes here: the writer decides.
/// </summary>
public sealed class RewriteTools(Guid scriptId, string userId, ScriptAccess access, ScriptReader reader,
    IReadOnlyList<SceneDocument> retrieved, ScriptTools tools)
{
    public const int MaxProposals = 3;
    private const int MaxReasonChars = 500;
    private readonly Lock gate = new();
    private readonly List<RewriteProposal> proposals = [];
    private readonly List<SceneDocument> targeted = [];

    public IReadOnlyList<RewriteProposal> Proposals { get { lock (gate) return proposals.ToList(); } }

    /// <summary>The scenes proposals were made for: citable by the answer.</summary>
    public IReadOnlyList<SceneDocument> ScenesTargeted { get { lock (gate) return targeted.ToList(); } }

    [KernelFunction("propose_rewrite")]
    [Description("Proposes new text for one paragraph of a scene, or for a whole scene. The writer sees a word-level diff under your answer and decides whether to apply it; nothing changes until they do. Only for scenes you were shown in this turn.")]
    public async Task<string> ProposeRewriteAsync(
        [Description("Scene number (as in [Scene 12]) or words of its heading")] string scene,
        [Description("The new text. For a paragraph: its new wording. For a whole scene: the scene in Fountain (the heading, action, a CHARACTER cue line followed by the dialogue, a blank line between paragraphs).")] string text,
        [Description("One line for the writer: what the rewrite changes and why")] string reason,
        [Description("The paragraph to rewrite, quoted exactly as it is in the scene. Leave empty to rewrite the whole scene.")] string paragraph = "",
        CancellationToken ct = default)
    {
        await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        lock (gate)
            if (proposals.Count >= MaxProposals) return $"At most {MaxProposals} proposals per answer: finish the answer with those.";
        if (string.IsNullOrWhiteSpace(text)) return "The new text is empty: nothing to propose.";

        var all = await reader.ScenesAsync(scriptId, ct);
        var found = int.TryParse(scene.Trim().TrimStart('#'), out var n)
            ? all.FirstOrDefault(s => s.Number == n)
            : all.FirstOrDefault(s => s.Heading.Contains(scene.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found is null) return $"No scene matches '{scene}'.";
        // The text the model was shown, not the database's now: what its rewrite is a rewrite of.
        var shown = retrieved.Concat(tools.ScenesRead).FirstOrDefault(s => s.SceneId == found.SceneId);
        if (shown is null) return $"You have not read {SceneCitation.Format(found.Number)} in this conversation turn: read it (read_scene) first, then propose.";

        var forms = await reader.FormsAsync(scriptId, shown.BlockIds, ct);
        if (forms.Count != shown.BlockIds.Count) return $"{SceneCitation.Format(found.Number)} changed while you were reading it: read it again first.";
        var before = shown.BlockIds.Select((id, i) => new ProposalParagraph(id, forms[id].Type, shown.BlockTexts[i])
        {
            Extension = forms[id].Extension, Dual = forms[id].Dual,
        }).ToList();

        var planned = string.IsNullOrWhiteSpace(paragraph) ? PlanScene(before, text) : PlanParagraph(before, paragraph, text);
        if (planned.Error is { } error) return error;
        var proposal = new RewriteProposal(Guid.CreateVersion7(), shown.SceneId, shown.Number, shown.Heading, planned.Scope, planned.Before, planned.After,
            Shorten(reason.Trim()));
        lock (gate)
        {
            if (proposals.Count >= MaxProposals) return $"At most {MaxProposals} proposals per answer: finish the answer with those.";
            proposals.Add(proposal);
            if (targeted.All(s => s.SceneId != shown.SceneId)) targeted.Add(shown);
        }
        return $"Proposal stored for {SceneCitation.Format(shown.Number)} ({(planned.Scope == RewriteScope.Scene ? "whole scene" : "one paragraph")}). " +
               "The writer sees the diff under your answer and applies it or not. Do not repeat the new text; say in a sentence or two what you changed and why.";
    }

    private sealed record Plan(RewriteScope Scope, List<ProposalParagraph> Before, List<ProposalParagraph> After, string? Error = null);

    private static Plan Refused(string error) => new(RewriteScope.Paragraph, [], [], error);

    private static Plan PlanParagraph(List<ProposalParagraph> scene, string quote, string text)
    {
        var index = ParagraphQuote.Find(scene.Select(p => p.Text).ToList(), quote);
        if (index is not { } i) return Refused("No single paragraph of that scene reads like that: quote the paragraph exactly as it is in the scene, or leave it empty to rewrite the whole scene.");
        var wording = SceneRewrite.StripFence(text);
        if (wording.Contains("\n\n", StringComparison.Ordinal))
            return Refused("That is more than one paragraph: to change several, rewrite the whole scene (leave the paragraph empty).");
        if (wording.Length > Core.Editing.EditLimits.MaxParagraphChars) return Refused("That paragraph is too long.");
        var old = scene[i];
        if (wording == old.Text) return Refused("That is the paragraph's current text: nothing to propose.");
        return new Plan(RewriteScope.Paragraph, [old], [old with { Text = wording }]);
    }

    private static Plan PlanScene(List<ProposalParagraph> scene, string text)
    {
        var elements = SceneRewrite.Parse(text).ToList();
        if (elements.Count == 0) return Refused("The new scene has no paragraphs.");
        if (elements.Count > SceneRewrite.MaxParagraphs) return Refused($"A scene rewrite holds at most {SceneRewrite.MaxParagraphs} paragraphs.");
        var hasHeading = scene.Count > 0 && scene[0].Type == ElementType.SceneHeading;
        // The heading stays unless the rewrite gives one; a scene without one (the opening) gets none.
        if (hasHeading && elements[0].Type != ElementType.SceneHeading) elements.Insert(0, new ScriptElement(ElementType.SceneHeading, scene[0].Text));
        if (elements.Skip(hasHeading ? 1 : 0).Any(e => e.Type == ElementType.SceneHeading))
            return Refused("A scene rewrite holds one scene: at most one heading, at its top. Propose a rewrite per scene.");

        var planned = SceneRewrite.Align(scene.Select(p => (p.Id, p.Type, p.Text)).ToList(), elements).ToList();
        // The scene's own heading stays the same paragraph, however much its wording changed.
        if (hasHeading && !planned[0].Kept && planned.All(p => p.Id != scene[0].Id)) planned[0] = planned[0] with { Id = scene[0].Id, Kept = true };
        var old = scene.ToDictionary(p => p.Id);
        var after = planned.Select(p => old.TryGetValue(p.Id, out var was)
            ? was with { Type = p.Element.Type, Text = p.Element.Text, Extension = p.Element.Extension ?? was.Extension, Dual = p.Element.Dual || was.Dual }
            : new ProposalParagraph(p.Id, p.Element.Type, p.Element.Text) { Extension = p.Element.Extension, Dual = p.Element.Dual }).ToList();
        if (after.Count == scene.Count && after.Zip(scene).All(p => p.First == p.Second)) return Refused("That is the scene's current text: nothing to propose.");
        return new Plan(RewriteScope.Scene, scene, after);
    }

    private static string? Shorten(string reason) =>
        reason.Length == 0 ? null : reason.Length <= MaxReasonChars ? reason : reason[..(MaxReasonChars - 1)] + "…";
}
