namespace WritersRoom.Core.Retrieval;

/// <summary>What the writer wants from a message; it picks the instructions and how much of the script to retrieve.</summary>
public enum ChatIntent
{
    Question,
    Continuity,
    Brainstorm,
    Rewrite,
    ChitChat,
}
