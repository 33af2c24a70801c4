using Npgsql;

namespace WritersRoom.Web.Editing;

/// <summary>
/// Which of some ids are paragraphs or scenes of another script. Asked only about ids the live session does not
/// know (rare), so a forged id is told apart from one deleted meanwhile: that is a security event, this is not.
/// </summary>
internal static class ForeignIds
{
    private const string Sql = """
        SELECT id FROM blocks WHERE id = ANY($1) AND script_id <> $2
        UNION ALL
        SELECT id FROM scenes WHERE id = ANY($1) AND script_id <> $2
        """;

    public static async Task<IReadOnlyList<Guid>> FindAsync(NpgsqlDataSource dataSource, Guid scriptId, IReadOnlyList<Guid> ids, CancellationToken ct)
    {
        if (ids.Count == 0) return [];
        await using var command = dataSource.CreateCommand(Sql);
        command.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = scriptId });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var found = new List<Guid>();
        while (await reader.ReadAsync(ct)) found.Add(reader.GetGuid(0));
        return found;
    }
}
