using System.Collections.Concurrent;
using Microsoft.Extensions.Caching.Memory;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Scripts;
using WritersRoom.Web.Observability.Metrics;

namespace WritersRoom.Web.Scripts;

/// <summary>
/// The caller's role on a script, cached briefly (membership is read on every chat turn and every editor
/// operation). Changes through <see cref="Forget"/> take effect at once on this instance and, through
/// <see cref="IMembershipChanges"/>, on the others.
/// </summary>
public sealed class ScriptAccess : IDisposable
{
    private readonly ScriptCatalog catalog;
    private readonly IMemoryCache cache;
    private readonly IMembershipChanges changes;
    private readonly IDisposable subscription;
    // Membership changes heard per (user, script): a role read before the latest change must not be relied on.
    private readonly ConcurrentDictionary<(string, string, Guid), long> changeStamps = new();

    public ScriptAccess(ScriptCatalog catalog, IMemoryCache cache, IMembershipChanges? changes = null)
    {
        this.catalog = catalog;
        this.cache = cache;
        this.changes = changes ?? new LocalMembershipChanges();
        subscription = this.changes.Subscribe(Changed);
    }

    private static readonly TimeSpan Lifetime = TimeSpan.FromSeconds(30);

    public async Task<ScriptRole?> GetRoleAsync(string userId, Guid scriptId, CancellationToken ct = default)
    {
        var key = Key(userId, scriptId);
        if (cache.TryGetValue(key, out ScriptRole? role))
        {
            CacheMetrics.Hit(CacheMetrics.Membership);
            return role;
        }
        CacheMetrics.Miss(CacheMetrics.Membership);
        role = await catalog.GetRoleAsync(userId, scriptId, ct);
        cache.Set(key, role, Lifetime);
        return role;
    }

    /// <summary>Throws <see cref="ScriptNotFoundException"/> unless the caller has at least <paramref name="atLeast"/>.</summary>
    public async Task<ScriptRole> RequireAsync(string userId, Guid scriptId, ScriptRole atLeast, CancellationToken ct = default)
    {
        var role = await GetRoleAsync(userId, scriptId, ct);
        if (role is null) throw new ScriptNotFoundException(scriptId);
        if (role < atLeast) throw new ScriptAccessDeniedException(scriptId, atLeast);
        return role.Value;
    }

    public void Forget(string userId, Guid scriptId)
    {
        Changed(userId, scriptId);
        changes.Publish(userId, scriptId);
    }

    /// <summary>
    /// Counts the membership changes heard (here or from another instance) for the caller on the script. A caller
    /// that read a role may keep relying on it while the database does not answer only if this has not moved since.
    /// </summary>
    public long ChangeStamp(string userId, Guid scriptId) => changeStamps.GetValueOrDefault(Key(userId, scriptId));

    private void Changed(string userId, Guid scriptId)
    {
        var key = Key(userId, scriptId);
        changeStamps.AddOrUpdate(key, 1, (_, n) => n + 1);
        cache.Remove(key);
    }

    private static (string, string, Guid) Key(string userId, Guid scriptId) => (nameof(ScriptAccess), userId, scriptId);

    public void Dispose() => subscription.Dispose();
}

/// <summary>Not a member: reads as "not found", never as someone else's data.</summary>
public sealed class ScriptNotFoundException(Guid scriptId) : Exception($"Script {scriptId} was not found.");

public sealed class ScriptAccessDeniedException(Guid scriptId, ScriptRole needed)
    : Exception($"This needs the {needed} role on script {scriptId}.");
