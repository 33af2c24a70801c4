namespace WritersRoom.Web.Editing;

public sealed partial class ScriptSession
{
    private readonly Dictionary<IEditorClient, PresenceEntry> presence = [];
    // Writers on other instances, by instance; each list lapses unless that instance repeats it in time, so the
    // writers of an instance that died vanish on their own.
    private readonly Dictionary<string, (IReadOnlyList<PresenceEntry> Entries, DateTimeOffset Expires)> remotePresence = [];

    /// <summary>Where this writer is now (scene, paragraph, caret); everyone on the script hears the new list.</summary>
    public void SetPresence(IEditorClient client, PresenceEntry entry)
    {
        lock (gate)
        {
            if (!clients.Contains(client)) return;
            if (presence.TryGetValue(client, out var known) && known == entry) return;
            presence[client] = entry with { SceneId = entry.BlockId is { } b && blockById.TryGetValue(b, out var block) ? block.SceneId : null };
            PresenceChangedLocked();
        }
    }

    /// <summary>Everyone on the script, on this instance and on the others.</summary>
    public IReadOnlyList<PresenceEntry> Presence()
    {
        lock (gate) return AllPresenceLocked();
    }

    /// <summary>The writers attached to this instance only (what this instance tells the others).</summary>
    public IReadOnlyList<PresenceEntry> LocalPresence()
    {
        lock (gate) return [.. presence.Values];
    }

    /// <summary>Another instance's writers on this script, valid until <paramref name="expires"/> unless repeated.</summary>
    public void SetRemotePresence(string instance, IReadOnlyList<PresenceEntry> entries, DateTimeOffset expires)
    {
        lock (gate)
        {
            var changed = !remotePresence.TryGetValue(instance, out var known) || !known.Entries.SequenceEqual(entries);
            if (entries.Count == 0) remotePresence.Remove(instance);
            else remotePresence[instance] = (entries, expires);
            if (changed) BroadcastPresenceLocked();
        }
    }

    /// <summary>Drops other instances' writers that were not repeated in time; true if someone vanished.</summary>
    public bool ExpireRemotePresence(DateTimeOffset now)
    {
        lock (gate)
        {
            var expired = remotePresence.Where(p => p.Value.Expires <= now).Select(p => p.Key).ToList();
            foreach (var instance in expired) remotePresence.Remove(instance);
            if (expired.Count > 0) BroadcastPresenceLocked();
            return expired.Count > 0;
        }
    }

    private List<PresenceEntry> AllPresenceLocked()
    {
        var list = presence.Values.ToList();
        foreach (var (entries, _) in remotePresence.Values) list.AddRange(entries);
        return list;
    }

    private void PresenceChangedLocked()
    {
        BroadcastPresenceLocked();
        fanOut.PresenceChanged(ScriptId, [.. presence.Values]);
    }

    private void BroadcastPresenceLocked()
    {
        var list = AllPresenceLocked();
        foreach (var client in clients) client.OnPresence(list);
    }
}
