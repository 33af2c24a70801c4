using WritersRoom.Core.Editing;
using WritersRoom.Web.Editing;

namespace WritersRoom.Web.Components.Editor;

/// <summary>
/// The writing aids around the editing surface: scene numbers and type-ahead lists pushed to the browser when
/// the live session changes them, and the navigator's scene commands. Adding and deleting a scene run in the
/// browser's editor (one undo step, resent like any edit); numbering and moves are session operations.
/// </summary>
public partial class ScriptEditor
{
    private Dictionary<Guid, string> shownNumbers = [];
    private long typeAheadVersion = -1;

    /// <summary>Sends the numbers and the type-ahead lists if they changed since the last push; cheap otherwise.</summary>
    private async Task PushWritingAidsAsync(CancellationToken ct)
    {
        if (editor is null || connection is null) return;
        var numbers = outline.Where(s => s.StartsWithHeading && s.FirstBlockId is not null)
            .ToDictionary(s => s.FirstBlockId!.Value, s => s.Number);
        // Remembered as shown only once the browser has them: a push dropped while it was away goes again next time.
        if ((numbers.Count != shownNumbers.Count || numbers.Any(n => !shownNumbers.TryGetValue(n.Key, out var shown) || shown != n.Value))
            && await PushAsync("sceneNumbers", ct, numbers))
            shownNumbers = numbers;
        var version = connection.Session.TypeAheadVersion;
        if (version != typeAheadVersion && await PushAsync("typeAhead", ct, connection.Session.TypeAhead()))
            typeAheadVersion = version;
    }

    private Task AddSceneAsync() => PushAsync("addScene", stop.Token);

    private Task DeleteSceneAsync(Guid headingBlockId) => PushAsync("deleteScene", stop.Token, headingBlockId);

    private Task NumberingAsync(EditOpKind kind) =>
        connection?.SubmitAsync([EditOp.Numbering(kind)], ct: stop.Token) ?? Task.CompletedTask;
}
