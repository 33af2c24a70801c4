namespace WritersRoom.Core.Retrieval;

/// <summary>Counts prompt tokens; the budget is kept in the model's units, not in characters.</summary>
public interface ITokenCounter
{
    int Count(string text);
}
