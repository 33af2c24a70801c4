using WritersRoom.Core.Screenplay;
using static WritersRoom.Core.Tests.Fountain.F;

namespace WritersRoom.Core.Tests.Fountain;

/// <summary>Parse(Write(x)) == x, for the spec's examples and for element lists built by hand.</summary>
public class RoundTripTests
{
    public static TheoryData<string> SpecExamples() =>
    [
        "Title:\n    _**BRICK & STEEL**_\n    _**FULL RETIRED**_\nCredit: Written by\nAuthor: Stu Maschwitz\nContact:\n\tNext Level Productions\n\t1588 Mission Dr.\n\nEXT. BRICK'S PATIO - DAY\n\nA gorgeous day.",
        "EXT. BRICK'S PATIO - DAY\n\n.SNIPER SCOPE POV\n\nINT. HOUSE - DAY #1#\n\nINT. HOUSE - DAY #1A#\n\n.OPENING TITLES #I-1-A#",
        "STEEL\nThe man's a myth!\n\n@McCLANE\nYippie ki-yay! I got my lower-case C back!\n\nHANS (on the radio)\nWhat was it you said?",
        "BRICK\nScrew retirement.\n\nSTEEL ^\nScrew retirement.\n\nDAN\nWell?",
        "STEEL\n(starting the engine)\nSo much for retirement!\n(beat)\nOr not.",
        "DEALER\nTen.\nFour.\nDealer gets a seven.\n  \nHit or stand sir?\n\nMONKEY\nDunno.",
        "Jack begins to argue vociferously.\n\nCUT TO:\n\n> Burn to White.\n\n> THE END <\n\n>BRICK BRADDOCK<\n> & DICK STEEL IN <",
        "~Willy Wonka! Willy Wonka! The amazing chocolatier!\n~Willy Wonka! Willy Wonka! Everybody give a cheer!\n\nWONKA\n~Come with me\nSpoken.",
        "!SCANNING THE AISLES...\n\n!BOOM\nThe house shakes.\n\n          Scott --\n\n          Jacob Billups\n          Palace Hotel, RM 412\n\nOne.\n!\nTwo.",
        "# ACT I\n\n= Set up the world.\n\n## Meet Scott\n### Scott's Apartment\n\n===\n\nINT. APARTMENT - DAY",
        "His hand is an inch from the receiver. [[Do we need this?]] Scott pauses.\n\n[[It was supposed to be Vietnamese, right?]]\n\nBOB [[rename]]\nHello. [[a]]\n[[b]]\nGoodbye.\n\n[[Multi\nline\n  \nnote]]",
        "He sits. /* He stands. */ He waits.\n\n/*\nINT. GARAGE - DAY\n\nCut.\n*/\n\nCOGNITO\nWoah!",
        "INT. HOUSE - DAY\nBob enters.\nBOB\nHi.",
        "EDWARD (V.O.)(CONT'D)\nBy the time I was born...\n\nBOB (V.O.) SR\nHello.\n\nCUT TO:\nThe beach.",
    ];

    [Theory]
    [MemberData(nameof(SpecExamples))]
    public void Spec_examples_survive_a_write_and_a_second_read(string fountain)
    {
        AssertRoundTrips(Core.Fountain.FountainParser.Parse(fountain));
    }

    [Fact]
    public void Every_element_type_with_every_option_survives_a_round_trip()
    {
        var screenplay = new ParsedScreenplay(
            [new TitleEntry("Title", "Everything"), new TitleEntry("Notes", "Line one\nLine two"), new TitleEntry("Draft date", "")],
            [
                Section("ACT I", 1), Synopsis("= starts with an equals sign"), Section("Deep", 4),
                Heading("INT. HOUSE - DAY", "1A"), Heading("FLASHBACK"), Heading("EXT. GARDEN - NIGHT"),
                Action("INT. ACTION THAT LOOKS LIKE A HEADING"), Action("CUT TO:"), Action("LOUD\nquiet"), Action("  indented\n\ttabbed"),
                Action("> arrow"), Action("~tilde"), Action("#hash"), Action("=equals"), Action("==="), Action("!bang"), Action("@at"),
                Character("McCLANE", "on phone"), Paren("(beat)"), Dialogue("One.\n\nTwo."), Note("A note\n\nwith a gap"), Dialogue("Three."),
                Character("BOB", "V.O.) (CONT'D", dual: true), Dialogue("Left.", dual: true),
                Character("JIM", dual: true), Paren("(sings)", dual: true), Lyric("La"), Dialogue("Right.", dual: true),
                Character("ALONE"), Action("He says nothing."),
                Transition("CUT TO:"), Transition("FADE OUT."), Transition("Burn to White."),
                Centered("THE END"), Centered("TWO\nLINES"), Lyric("Willy Wonka!\nWilly Wonka!"),
                PageBreak(), Note("Last."),
            ]);

        AssertRoundTrips(screenplay);
    }

    [Fact]
    public void Screenplay_without_title_page_whose_first_action_looks_like_a_title_key_survives()
    {
        AssertRoundTrips(new ParsedScreenplay([], [Action("Title: a line of action"), Action("More.")]));
    }
}
