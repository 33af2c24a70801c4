namespace WritersRoom.Web.Editing;

public sealed partial class ScriptSession
{
    // Ids a paste brought from another script, replaced by RenewIds: an editor may still name them until its resync.
    private readonly HashSet<Guid> renewedIds = [];

    /// <summary>
    /// Of <paramref name="ids"/>, those that are neither a paragraph nor a scene of this script now (nor a pasted id
    /// it renewed): deleted meanwhile, made up, or another script's. One lock for the whole list.
    /// </summary>
    public IReadOnlyList<Guid> UnknownIds(IEnumerable<Guid> ids)
    {
        lock (gate)
            return ids.Where(id => !blockById.ContainsKey(id) && !sceneById.ContainsKey(id) && !renewedIds.Contains(id)).Distinct().ToList();
    }
}
