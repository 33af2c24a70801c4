using System.IO.Compression;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using WritersRoom.Core.Fountain;
using WritersRoom.Data;
using WritersRoom.Data.Scripts;

namespace WritersRoom.Web.Hosting;

/// <summary>
/// `export-all --out FILE.zip`: every script in the database as a Fountain file in one zip, without starting the
/// server. The operator's escape hatch: plain text that any screenwriting tool opens, whatever happens to us.
/// Scripts are read one at a time, so memory stays bounded however many there are.
/// </summary>
public static class ExportAllCommand
{
    private const string Usage = "usage: export-all --out FILE.zip";

    /// <summary>The same settings the server reads: appsettings.json beside the binaries, then the environment.</summary>
    public static IConfiguration DefaultConfiguration() => new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: true)
        .AddEnvironmentVariables()
        .Build();

    public static async Task<int> RunAsync(string[] args, IConfiguration configuration, TextWriter? output = null, CancellationToken ct = default)
    {
        output ??= Console.Out;
        string? file = null;
        for (var i = 0; i < args.Length; i++)
        {
            if (args[i] == "--out" && i + 1 < args.Length) file = args[++i];
            else
            {
                await Console.Error.WriteLineAsync($"export-all: unexpected argument '{args[i]}'\n{Usage}");
                return 2;
            }
        }
        if (file is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        var connectionString = configuration.GetConnectionString(DataServiceCollectionExtensions.ConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            await Console.Error.WriteLineAsync("export-all: ConnectionStrings:WritersRoom is not set");
            return 1;
        }

        await using var dataSource = DataServiceCollectionExtensions.CreateDataSource(connectionString);
        var options = new DbContextOptionsBuilder<WritersRoomDbContext>();
        DataServiceCollectionExtensions.Configure(options, dataSource);
        var factory = new PooledDbContextFactory<WritersRoomDbContext>(options.Options);
        var count = await WriteZipAsync(factory, file, ct);
        await output.WriteLineAsync($"export-all: {count} scripts written to {file}");
        return 0;
    }

    /// <summary>Writes the zip beside its destination and moves it there at the end: never a half-written archive.</summary>
    public static async Task<int> WriteZipAsync(IDbContextFactory<WritersRoomDbContext> factory, string file, CancellationToken ct)
    {
        List<(Guid Id, string Title)> scripts;
        await using (var db = await factory.CreateDbContextAsync(ct))
        {
            scripts = (await db.Scripts.AsNoTracking().OrderBy(s => s.CreatedAt).Select(s => new { s.Id, s.Title }).ToListAsync(ct))
                .Select(s => (s.Id, s.Title)).ToList();
        }

        var loader = new ScriptDocumentLoader(factory);
        var partial = file + ".partial";
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(file))!);
        await using (var stream = File.Create(partial))
        await using (var zip = new ZipArchive(stream, ZipArchiveMode.Create))
        {
            foreach (var (id, title) in scripts)
            {
                // A script deleted since the list was read is simply skipped.
                if (await loader.LoadAsync(id, ct) is not { } document) continue;
                var entry = zip.CreateEntry(EntryName(title, id), CompressionLevel.Optimal);
                await using var writer = new StreamWriter(await entry.OpenAsync(ct), new UTF8Encoding(false));
                await writer.WriteAsync(FountainWriter.Write(document.ToScreenplay()));
            }
        }
        File.Move(partial, file, overwrite: true);
        return scripts.Count;
    }

    /// <summary>"Big Fish (0198c3a1).fountain": readable, and unique even when two scripts share a title.</summary>
    public static string EntryName(string title, Guid id)
    {
        var invalid = Path.GetInvalidFileNameChars();
        var safe = new string(title.Select(c => invalid.Contains(c) || char.IsControl(c) ? '_' : c).ToArray()).Trim();
        if (safe.Length > 80) safe = safe[..80];
        if (safe.Length == 0) safe = "Untitled";
        return $"{safe} ({id.ToString("N")[..8]}).fountain";
    }
}
