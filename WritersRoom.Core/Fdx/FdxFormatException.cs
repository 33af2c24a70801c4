namespace WritersRoom.Core.Fdx;

/// <summary>A file that is not a Final Draft document we can read, with a message fit to show the writer.</summary>
public sealed class FdxFormatException(string message, Exception? inner = null) : Exception(message, inner);
