using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Tests.Fountain;

/// <summary>Short builders so that each test reads as Fountain in, elements out.</summary>
internal static class F
{
    public static ParsedScreenplay Parse(params string[] lines) => FountainParser.Parse(string.Join("\n", lines));

    public static IReadOnlyList<ScriptElement> Elements(params string[] lines) => Parse(lines).Elements;

    public static ScriptElement Heading(string text, string? number = null) => new(ElementType.SceneHeading, text) { SceneNumber = number };
    public static ScriptElement Action(string text) => new(ElementType.Action, text);
    public static ScriptElement Character(string text, string? extension = null, bool dual = false) =>
        new(ElementType.Character, text) { Extension = extension, Dual = dual };
    public static ScriptElement Dialogue(string text, bool dual = false) => new(ElementType.Dialogue, text) { Dual = dual };
    public static ScriptElement Paren(string text, bool dual = false) => new(ElementType.Parenthetical, text) { Dual = dual };
    public static ScriptElement Transition(string text) => new(ElementType.Transition, text);
    public static ScriptElement Centered(string text) => new(ElementType.Centered, text);
    public static ScriptElement Lyric(string text) => new(ElementType.Lyric, text);
    public static ScriptElement Section(string text, int level) => new(ElementType.Section, text) { Level = level };
    public static ScriptElement Synopsis(string text) => new(ElementType.Synopsis, text);
    public static ScriptElement Note(string text) => new(ElementType.Note, text);
    public static ScriptElement PageBreak() => new(ElementType.PageBreak, "");

    /// <summary>Asserts that writing and re-reading gives back exactly the same screenplay.</summary>
    public static void AssertRoundTrips(ParsedScreenplay screenplay)
    {
        var written = FountainWriter.Write(screenplay);
        var reread = FountainParser.Parse(written);
        Assert.Equal(screenplay.TitlePage, reread.TitlePage);
        Assert.Equal(screenplay.Elements, reread.Elements);
    }
}
