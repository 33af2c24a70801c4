using System.Text.Json;
using Npgsql;
using NpgsqlTypes;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Chat;

/// <summary>
/// The rewrite proposals stored on an assistant's answer, read and changed as a whole. A message is found only on its
/// script, in a thread the caller may see (theirs, or shared with the room), so an id from elsewhere reads as absent.
/// A change is a compare-and-set on the stored JSON: two writers deciding at once cannot overwrite each other unseen.
/// </summary>
public sealed class ProposalStore(NpgsqlDataSource dataSource)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private const string Find =
        """
        SELECT m.proposals::text FROM messages m JOIN conversations c ON c.id = m.conversation_id
        WHERE m.id = @mid AND m.role = 'Assistant' AND c.script_id = @sid AND (c.created_by_id = @uid OR c.shared)
        """;

    private const string Swap = "UPDATE messages SET proposals = @new WHERE id = @mid AND proposals = @old::jsonb";

    /// <summary>The message's proposals and their stored form (the token for <see cref="TrySwapAsync"/>); null if not visible.</summary>
    public async Task<(List<RewriteProposal> Proposals, string Stored)?> FindAsync(Guid messageId, Guid scriptId, string userId, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(Find);
        command.Parameters.AddWithValue("mid", messageId);
        command.Parameters.AddWithValue("sid", scriptId);
        command.Parameters.AddWithValue("uid", userId);
        if (await command.ExecuteScalarAsync(ct) is not string stored) return null;
        return (JsonSerializer.Deserialize<List<RewriteProposal>>(stored, Json) ?? [], stored);
    }

    /// <summary>Writes <paramref name="proposals"/> if the message still holds <paramref name="stored"/>; false if it changed meanwhile.</summary>
    public async Task<bool> TrySwapAsync(Guid messageId, string stored, List<RewriteProposal> proposals, CancellationToken ct = default)
    {
        await using var command = dataSource.CreateCommand(Swap);
        command.Parameters.AddWithValue("mid", messageId);
        command.Parameters.AddWithValue("old", stored);
        command.Parameters.AddWithValue("new", NpgsqlDbType.Jsonb, JsonSerializer.Serialize(proposals, Json));
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }
}
