namespace WritersRoom.Core.Ai;

/// <summary>One retrieved scene as it appears in a prompt: its number, its heading and its text.</summary>
public sealed record ScenePassage(int SceneNumber, string Heading, string Body)
{
    public string Citation => SceneCitation.Format(SceneNumber);
}
