namespace WritersRoom.Core.Screenplay;

/// <summary>Something an import changed or dropped, with the source line when known, shown before anything is saved.</summary>
public sealed record ImportWarning(int? Line, string Message)
{
    public override string ToString() => Line is { } line ? $"line {line}: {Message}" : Message;
}
