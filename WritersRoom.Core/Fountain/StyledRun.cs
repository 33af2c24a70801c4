namespace WritersRoom.Core.Fountain;

/// <summary>The emphasis Fountain can express; Final Draft's Style attribute and the PDF renderer use the same three.</summary>
[Flags]
public enum Emphasis
{
    None = 0,
    Italic = 1,
    Bold = 2,
    Underline = 4,
}

/// <summary>A piece of one line with one emphasis, markers removed.</summary>
public readonly record struct StyledRun(string Text, Emphasis Style);
