namespace WritersRoom.Data.Entities;

/// <summary>
/// A run of blocks that starts at a scene heading (or at the top of the script, before the first heading).
/// Ordered by <see cref="Rank"/>, a sortable string, so a move rewrites one row.
/// </summary>
public class Scene
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScriptId { get; set; }
    public required string Rank { get; set; }

    /// <summary>The production number when numbers are locked or given in the source (e.g. "12A").</summary>
    public string? SceneNumber { get; set; }

    /// <summary>Hash of the scene's plain text; summaries and embeddings made from another hash are stale.</summary>
    public string ContentHash { get; set; } = "";

    /// <summary>When the text last changed: the jobs wait for a quiet period after it before summarising.</summary>
    public DateTimeOffset ContentChangedAt { get; set; } = DateTimeOffset.UtcNow;

    /// <summary>
    /// The hash of the text the stored summary was made from, written with it by the summary job. A scene whose hash
    /// differs is stale; keeping the mark on the scene row lets a partial index hold exactly the stale scenes, so the
    /// job's queue is read without scanning every scene's summary and embedding.
    /// </summary>
    public string? SummarizedHash { get; set; }

    /// <summary>The hash of the text, and the model, of the stored embedding (see <see cref="SummarizedHash"/>).</summary>
    public string? EmbeddedHash { get; set; }
    public string? EmbeddedModel { get; set; }

    public Script? Script { get; set; }
    public List<Block> Blocks { get; set; } = [];
}
