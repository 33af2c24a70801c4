using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WritersRoom.Data.Comments;
using WritersRoom.Data.History;
using WritersRoom.Data.Scripts;

namespace WritersRoom.Data;

public static class DataServiceCollectionExtensions
{
    public const string ConnectionStringName = "WritersRoom";

    /// <summary>The optional read-only connection string (a streaming replica) for retrieval and reports.</summary>
    public const string ReadOnlyConnectionStringName = "WritersRoomReadOnly";

    /// <summary>The pools' names: Npgsql's metrics carry them, and pg_stat_activity shows them as application_name.</summary>
    public const string PoolName = "writersroom";
    public const string ReadOnlyPoolName = "writersroom-readonly";

    /// <summary>
    /// One <see cref="NpgsqlDataSource"/> (one pool) for the whole process and a pooled context factory over it:
    /// components and services create one short-lived context per operation.
    /// </summary>
    public static IHostApplicationBuilder AddWritersRoomData(this IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ConnectionStringName)
            ?? throw new InvalidOperationException(
                $"ConnectionStrings:{ConnectionStringName} is not set. ./run.sh sets it for the embedded database; " +
                "for another Postgres with pgvector set the environment variable ConnectionStrings__WritersRoom.");

        builder.Services.AddSingleton(_ => CreateDataSource(connectionString));
        builder.Services.AddPooledDbContextFactory<WritersRoomDbContext>((sp, options) =>
        {
            Configure(options, sp.GetRequiredService<NpgsqlDataSource>());
            // Timing hooks (slow queries, connection-open wait) are registered by the web layer as IInterceptor.
            options.AddInterceptors(sp.GetServices<IInterceptor>());
        });
        // Identity's stores want a scoped context; it comes from the same pooled factory.
        builder.Services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<WritersRoomDbContext>>().CreateDbContext());
        AddReadOnly(builder);

        builder.Services.AddSingleton<ScriptCatalog>();
        builder.Services.AddSingleton<ScriptMembers>();
        builder.Services.AddSingleton<ScriptImporter>();
        builder.Services.AddSingleton<ScriptDocumentLoader>();
        builder.Services.AddSingleton<SnapshotStore>();
        builder.Services.AddSingleton<CommentStore>();
        return builder;
    }

    /// <summary>
    /// Retrieval and reports read through <see cref="ReadOnlyDatabase"/>: its own pool and context factory over the
    /// replica when <c>ConnectionStrings:WritersRoomReadOnly</c> is set, else the primary's.
    /// </summary>
    private static void AddReadOnly(IHostApplicationBuilder builder)
    {
        var connectionString = builder.Configuration.GetConnectionString(ReadOnlyConnectionStringName);
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            builder.Services.AddSingleton(sp => ReadOnlyDatabase.Primary(
                sp.GetRequiredService<NpgsqlDataSource>(), sp.GetRequiredService<IDbContextFactory<WritersRoomDbContext>>()));
            return;
        }
        builder.Services.AddSingleton(sp =>
        {
            var dataSource = CreateDataSource(connectionString, ReadOnlyPoolName);
            var options = new DbContextOptionsBuilder<WritersRoomDbContext>();
            Configure(options, dataSource).UseQueryTrackingBehavior(QueryTrackingBehavior.NoTracking);
            options.AddInterceptors(sp.GetServices<IInterceptor>());
            return ReadOnlyDatabase.Replica(dataSource, new PooledDbContextFactory<WritersRoomDbContext>(options.Options));
        });
    }

    /// <param name="name">The pool's name in metrics; also its application_name unless the connection string sets one.</param>
    public static NpgsqlDataSource CreateDataSource(string connectionString, string name = PoolName)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString);
        if (string.IsNullOrEmpty(dataSource.ConnectionStringBuilder.ApplicationName)) dataSource.ConnectionStringBuilder.ApplicationName = name;
        // The hot statements (a turn's message insert and retrieval, the editor's commit) run thousands of times an
        // hour with new values: prepared once per connection, Postgres stops planning them each time (about 0.7 ms of
        // the retrieval query's 2.5). A connection string that says otherwise wins (e.g. Max Auto Prepare=0 behind a
        // pooler that cannot keep prepared statements).
        if (!Mentions(connectionString, "maxautoprepare")) dataSource.ConnectionStringBuilder.MaxAutoPrepare = AutoPreparedStatements;
        dataSource.UseVector();
        dataSource.Name = name;
        return dataSource.Build();
    }

    /// <summary>Statements kept prepared per connection (least used go first).</summary>
    private const int AutoPreparedStatements = 64;

    private static bool Mentions(string connectionString, string keyword) =>
        new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals(keyword, StringComparison.OrdinalIgnoreCase));

    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder options, NpgsqlDataSource dataSource) =>
        options.UseNpgsql(dataSource, npgsql => npgsql.UseVector())
            .UseSnakeCaseNamingConvention();

    /// <summary>Applies pending migrations; EF takes a database lock, so instances starting together do not race.</summary>
    public static async Task MigrateWritersRoomDatabaseAsync(this IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<WritersRoomDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        await db.Database.MigrateAsync(ct);
        // Types such as vector are loaded once per data source; reload them in case the migration created the extension.
        await using var connection = await services.GetRequiredService<NpgsqlDataSource>().OpenConnectionAsync(ct);
        await connection.ReloadTypesAsync(ct);
    }
}
