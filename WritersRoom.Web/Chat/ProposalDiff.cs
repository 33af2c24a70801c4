using WritersRoom.Core.History;
using WritersRoom.Data.Entities;

namespace WritersRoom.Web.Chat;

/// <summary>
/// What a proposal changes, paragraph by paragraph with the words inserted and deleted: the history's comparison of
/// two versions of one scene, paragraphs paired by id (a rewritten paragraph keeps its id), so the card reads like the
/// History panel's compare view.
/// </summary>
public static class ProposalDiff
{
    public static IReadOnlyList<ParagraphChange> Of(RewriteProposal proposal)
    {
        ArgumentNullException.ThrowIfNull(proposal);
        return ScriptComparer.Compare(Version(proposal, proposal.Before), Version(proposal, proposal.After))
            .Scenes.SelectMany(s => s.Paragraphs).ToList();
    }

    private static ScriptVersion Version(RewriteProposal proposal, IEnumerable<ProposalParagraph> paragraphs) =>
        new([new VersionScene(proposal.SceneId, "", null, paragraphs.Select(p => new VersionParagraph(p.Id, "", p.Type, p.Text)).ToList())]);
}
