using WritersRoom.Web.Observability.Database;

namespace WritersRoom.Web.Tests.Observability;

public sealed class SqlNormalizerTests
{
    [Fact]
    public void Literals_become_placeholders_and_identifiers_stay()
    {
        var sql = "SELECT t0.id FROM scenes AS t0\n  WHERE t0.title = 'Big Fish' AND t0.n > 42 AND t0.x = @p0 LIMIT 8";
        Assert.Equal("SELECT t0.id FROM scenes AS t0 WHERE t0.title = ? AND t0.n > ? AND t0.x = @p0 LIMIT ?", SqlNormalizer.Normalize(sql));
    }

    [Fact]
    public void Same_query_with_other_values_normalises_to_the_same_text()
    {
        Assert.Equal(
            SqlNormalizer.Normalize("SELECT pg_sleep(0.3) WHERE 'it''s' <> 'x' AND id IN (1, 2, 3)"),
            SqlNormalizer.Normalize("SELECT pg_sleep(1.5) WHERE 'other' <> 'y' AND id IN (4, 5)"));
    }
}
