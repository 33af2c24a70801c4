using WritersRoom.Web.Chat;
using WritersRoom.Web.Components.Chat;

namespace WritersRoom.Web.Components.Editor;

/// <summary>
/// Where the writer is, for the assistant panel beside the editor: the paragraph with the caret (or the last one
/// clicked) and the selected text, from the browser; the scene is found in this script's live session, so a paragraph
/// id that is not in this script gives nothing.
/// </summary>
public partial class ScriptEditor
{
    private IDisposable? focusRegistration;

    private async Task<ChatFocus?> ReadFocusAsync()
    {
        if (editor is null || connection is null) return null;
        var at = await ReadAsync<EditorSelection?>("selection");
        if (at?.BlockId is not { } block || connection.Session.SceneOf(block) is not { } sceneId) return null;
        var scene = connection.Session.Outline().FirstOrDefault(s => s.Id == sceneId);
        var label = scene is { StartsWithHeading: true } ? $"scene {scene.Number} · {scene.Heading}" : "the opening";
        var selection = string.IsNullOrWhiteSpace(at.Text) ? null : at.Text.Trim();
        if (selection is { Length: > ChatContextBuilder.MaxSelectionChars }) selection = selection[..ChatContextBuilder.MaxSelectionChars];
        return new ChatFocus(sceneId, label, selection);
    }

    /// <summary>What the browser reports: the caret's paragraph and the selected text (null when nothing is selected).</summary>
    private sealed record EditorSelection(Guid? BlockId, string? Text);
}
