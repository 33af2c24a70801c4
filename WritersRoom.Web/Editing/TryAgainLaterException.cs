namespace WritersRoom.Web.Editing;

/// <summary>
/// A request refused for now, not for good (too many in a short time): the caller may send it again after a pause.
/// An <see cref="InvalidOperationException"/> so callers that knew the refusal by that type still do.
/// </summary>
public sealed class TryAgainLaterException(string message) : InvalidOperationException(message);
