using Npgsql;
using WritersRoom.Core.Scripts;
using WritersRoom.Web.Scripts;
using WritersRoom.Web.Security.Circuits;

namespace WritersRoom.Web.Editing;

/// <summary>
/// The one entry point the editor component (and the convergence test) uses: opening checks the caller's role
/// on the script before anything is loaded; a non-member gets "not found" whatever id they forge. A circuit passes its
/// <see cref="CircuitGuard"/>, which hears what the connection refuses.
/// </summary>
public sealed class EditorService(ScriptSessionRegistry registry, ScriptAccess access, NpgsqlDataSource dataSource,
    EditingMetrics metrics, ILoggerFactory loggers)
{
    public async Task<EditorConnection> OpenAsync(Guid scriptId, string userId, string displayName, IEditorClient client, CancellationToken ct = default,
        CircuitGuard? guard = null)
    {
        var stamp = access.ChangeStamp(userId, scriptId);
        var role = await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        var connection = new EditorConnection(scriptId, userId, displayName, (role, stamp), client, access, dataSource, metrics,
            loggers.CreateLogger<EditorConnection>(), guard);
        var attached = await registry.AttachAsync(scriptId, connection, ct) ?? throw new ScriptNotFoundException(scriptId);
        connection.Attached(attached.Session, attached.Snapshot);
        return connection;
    }
}
