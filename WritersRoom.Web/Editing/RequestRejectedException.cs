namespace WritersRoom.Web.Editing;

/// <summary>A comment, history or revision request refused before anything changed; the message is shown to the writer.</summary>
public sealed class RequestRejectedException(string message) : Exception(message);
