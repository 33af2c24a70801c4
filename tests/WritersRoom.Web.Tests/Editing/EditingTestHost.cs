using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WritersRoom.Core.Fdx;
using WritersRoom.Core.Fountain;
using WritersRoom.Core.Scripts;
using WritersRoom.Data;
using WritersRoom.Data.Entities;
using WritersRoom.Data.Scripts;
using WritersRoom.TestSupport;
using WritersRoom.Web.Editing;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Tests.Editing;

/// <summary>
/// A fresh database and a host with the real data, scripts and editing registrations (group-commit writer
/// running), so tests drive the same <see cref="EditorService"/> the circuits use.
/// </summary>
public sealed class EditingTestHost(params KeyValuePair<string, string?>[] settings) : IAsyncLifetime
{
    public TestDatabase Database { get; } = new();
    public IHost Host { get; private set; } = null!;
    public EditorService Editor => Host.Services.GetRequiredService<EditorService>();
    public ScriptSessionRegistry Registry => Host.Services.GetRequiredService<ScriptSessionRegistry>();
    public LogRecorder Logs { get; } = new();

    /// <summary>How the host's connection string reaches the database (a test may route it through a proxy); the test's own reads go direct.</summary>
    public Func<string, string> Connect { get; init; } = connectionString => connectionString;

    public async ValueTask InitializeAsync()
    {
        await Database.InitializeAsync();
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Configuration.AddInMemoryCollection([
            KeyValuePair.Create("ConnectionStrings:WritersRoom", (string?)Connect(Database.ConnectionString)),
            KeyValuePair.Create("Editing:CommitWindow", (string?)"00:00:00.010"),
            .. settings,
        ]);
        builder.Services.AddLogging(logging => logging.AddProvider(Logs));
        builder.AddWritersRoomData();
        builder.AddWritersRoomScripts();
        builder.AddWritersRoomEditing();
        Host = builder.Build();
        await Host.StartAsync();
    }

    public Task<string> CreateUserAsync(string name) => TestUsers.CreateNamedAsync(Database.Factory, name);

    public async Task<Guid> ImportAsync(string fountain, string ownerId)
    {
        var importer = Host.Services.GetRequiredService<ScriptImporter>();
        return await importer.ImportAsync(FountainParser.Parse(fountain), "Test", ownerId);
    }

    public async Task<Guid> ImportFdxAsync(byte[] fdx, string ownerId)
    {
        var importer = Host.Services.GetRequiredService<ScriptImporter>();
        return await importer.ImportAsync(FdxReader.Read(fdx).Screenplay, "Test", ownerId);
    }

    /// <summary>The script as an FDX export writes it now (from the database, as the export endpoint reads it).</summary>
    public async Task<string> ExportedFdxAsync(Guid scriptId)
    {
        var document = await new ScriptDocumentLoader(Database.Factory).LoadAsync(scriptId);
        return FdxWriter.Write(document!.ToScreenplay());
    }

    public async Task AddMemberAsync(Guid scriptId, string userId, ScriptRole role)
    {
        await using var db = await Database.Factory.CreateDbContextAsync();
        db.ScriptMembers.Add(new ScriptMember { ScriptId = scriptId, UserId = userId, Role = role });
        await db.SaveChangesAsync();
    }

    /// <summary>The script's paragraphs as stored, in reading order.</summary>
    public async Task<List<(Guid Id, string Text)>> StoredParagraphsAsync(Guid scriptId)
    {
        var document = await new ScriptDocumentLoader(Database.Factory).LoadAsync(scriptId);
        return document!.Scenes.SelectMany(s => s.Blocks).Select(b => (b.Id, b.Text)).ToList();
    }

    public async Task<WritersRoomDbContext> DbAsync() => await Database.Factory.CreateDbContextAsync();

    public async ValueTask DisposeAsync()
    {
        await Host.StopAsync();
        Host.Dispose();
        await Database.DisposeAsync();
    }
}
