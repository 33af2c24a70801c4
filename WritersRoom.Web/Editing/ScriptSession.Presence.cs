namespace WritersRoom.Web.Editing;

public sealed partial class ScriptSession
{
    private readonly Dictionary<IEditorClient, PresenceEntry> presence = [];

    /// <summary>Where this writer is now (scene, paragraph, caret); everyone on the script hears the new list.</summary>
    public void SetPresence(IEditorClient client, PresenceEntry entry)
    {
        lock (gate)
        {
            if (!clients.Contains(client)) return;
            if (presence.TryGetValue(client, out var known) && known == entry) return;
            presence[client] = entry with { SceneId = entry.BlockId is { } b && blockById.TryGetValue(b, out var block) ? block.SceneId : null };
            BroadcastPresenceLocked();
        }
    }

    public IReadOnlyList<PresenceEntry> Presence()
    {
        lock (gate) return [.. presence.Values];
    }

    private void BroadcastPresenceLocked()
    {
        var list = presence.Values.ToList();
        foreach (var client in clients) client.OnPresence(list);
    }
}
