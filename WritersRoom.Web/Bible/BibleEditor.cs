using WritersRoom.Core.Scripts;
using WritersRoom.Data.Entities;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Bible;

/// <summary>
/// Every change a writer makes to the bible goes through here: the caller's role on the script is checked on the
/// server (at least Writer) before <see cref="CharacterSheets"/> or <see cref="OutlineEditor"/> touch anything.
/// Not a member reads as <see cref="ScriptNotFoundException"/>; a reader or commenter gets <see cref="ScriptAccessDeniedException"/>.
/// </summary>
public sealed class BibleEditor(ScriptAccess access, CharacterSheets sheets, OutlineEditor outline)
{
    public async Task<bool> ApproveSheetAsync(string userId, Guid scriptId, Guid characterId, string? editedText, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        return await sheets.ApproveDraft(scriptId, characterId, Clean(editedText), ct);
    }

    public async Task<bool> RejectSheetAsync(string userId, Guid scriptId, Guid characterId, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        return await sheets.RejectDraft(scriptId, characterId, ct);
    }

    public async Task<bool> WriteSheetAsync(string userId, Guid scriptId, Guid characterId, string sheet, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        return await sheets.Write(scriptId, characterId, Clean(sheet) ?? throw new ArgumentException("A sheet cannot be empty.", nameof(sheet)), ct);
    }

    public async Task<bool> ApproveOutlineAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        return await outline.ApproveDraftAsync(scriptId, ct);
    }

    public async Task<bool> RejectOutlineAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        return await outline.RejectDraftAsync(scriptId, ct);
    }

    public async Task RequestOutlineDraftAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        await outline.RequestDraftAsync(scriptId, ct);
    }

    public async Task<OutlineItem?> AddOutlineItemAsync(string userId, Guid scriptId, Guid? parentId, OutlineKind kind, string title, string? description,
        IReadOnlyCollection<Guid> sceneIds, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        return await outline.AddAsync(scriptId, parentId, kind, title, description, sceneIds, ct);
    }

    public async Task<bool> UpdateOutlineItemAsync(string userId, Guid scriptId, Guid itemId, string title, string? description,
        IReadOnlyCollection<Guid> sceneIds, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        return await outline.UpdateAsync(scriptId, itemId, title, description, sceneIds, ct);
    }

    public async Task<bool> DeleteOutlineItemAsync(string userId, Guid scriptId, Guid itemId, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        return await outline.DeleteAsync(scriptId, itemId, ct);
    }

    public async Task SetLoglineAsync(string userId, Guid scriptId, string? logline, CancellationToken ct = default)
    {
        await RequireAsync(userId, scriptId, ct);
        await outline.SetLoglineAsync(scriptId, logline, ct);
    }

    private Task RequireAsync(string userId, Guid scriptId, CancellationToken ct) => access.RequireAsync(userId, scriptId, ScriptRole.Writer, ct);

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
