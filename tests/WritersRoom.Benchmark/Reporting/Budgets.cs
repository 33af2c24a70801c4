namespace WritersRoom.Benchmark.Reporting;

/// <summary>PERFORMANCE.md's budgets and the incident's figures, by the step names the pipeline records.</summary>
public static class Budgets
{
    /// <summary>Step → (floor it is judged against, p95 budget in ms).</summary>
    public static readonly IReadOnlyDictionary<string, (string Floor, double BudgetMs)> ByStep = new Dictionary<string, (string, double)>
    {
        ["access"] = ("select1_ms", 1),
        ["pre_model"] = ("select1_ms", 30),
        ["conversation"] = ("insert_ms", 10),
        ["context"] = ("retrieval_sql_ms", 15),
        ["context.retrieval"] = ("retrieval_sql_ms", 15),
        ["context.own"] = ("retrieval_sql_ms", 15),
        ["save"] = ("insert_ms", 20),
        ["chat.message_stored"] = ("insert_ms", 20),
        ["usage"] = ("select1_ms", 1),
        ["attach"] = ("select1_ms", 1),
        ["open.load"] = ("select1_ms", 50),
        ["edit.fanout"] = ("select1_ms", 50),
        ["edit.submit"] = ("select1_ms", 1),
    };

    public static readonly IReadOnlyList<(string Step, string What, double IncidentMs)> Incident =
    [
        ("conversation", "conversation handling (one INSERT)", 73_600),
        ("context", "context building (global context + vector search)", 125_600),
        ("usage", "token tracking on the request path", 5_900),
        ("chat.message_stored", "message create returned to the user (6–15 s)", 6_000),
        ("attach", "rebuilding the document for a websocket connect", 12_500),
        ("open.load", "first load of the document (rebuilt per connect then)", 12_500),
    ];
}
