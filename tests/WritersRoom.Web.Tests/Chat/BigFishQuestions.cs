namespace WritersRoom.Web.Tests.Chat;

/// <summary>
/// Plot questions about Big Fish, written by reading the script, each with the words of the scene(s) that
/// answer it. Paraphrased on purpose: a question that copies the scene's wording would flatter BM25.
/// </summary>
internal static class BigFishQuestions
{
    public sealed record Question(string Text, params string[] AnswerPhrases);

    public static readonly Question[] All =
    [
        new("How does Edward get his wedding ring back from the huge catfish?", "spits out Edward's gold ring"),
        new("What does young Edward see when he looks into the witch's glass eye?", "Edward looks into The Eye"),
        new("Why does Will lose his temper with his father at the wedding reception?", "I am a footnote in that story"),
        new("How does Edward persuade the giant to leave the cave with him?", "But I want to leave with you"),
        new("Who takes Edward's shoes in Spectre and where do they end up?", "tosses the shoes up and around the power line"),
        new("How does Edward find out which flower the woman he loves likes best?", "Her favorite flower is daffodils"),
        new("What secret about the ringmaster does Edward discover at night?", "Edward wrestles with the beast", "buck naked and hairy"),
        new("What does Edward plant to win Sandra over?", "TEN THOUSAND DAFFODILS"),
        new("Who beats Edward up at the sorority house and why doesn't he fight back?", "Don Price decks him"),
        new("Who hides Edward in their dressing room after he parachutes into the show?", "Jing reaches deeper into the closet"),
        new("Why did Sandra believe Edward had died during the war?", "the Army believed I was dead"),
        new("What happens when Norther and Edward rob the savings and loan?", "there's no money", "I'm robbing this place"),
        new("What gadget did Edward sell at the county fair as a travelling salesman?", "pitches a brilliant new product"),
        new("Who is the blonde woman at the supermarket checkout who stares at Will?", "ATTRACTIVE BLONDE WOMAN", "the woman from the grocery store"),
        new("How does Will carry his dying father into the river in the final story?", "Will walks into the river, up to his knees"),
        new("Which old friends from the stories show up at the funeral?", "It's PING and JING"),
        new("Why did Edward's voice break when he sang in church as a boy?", "his voice CRACKS"),
        new("What did Edward fix in Jenny's house before he left her?", "screwing a hat rack into the wall"),
    ];
}
