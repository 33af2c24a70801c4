using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
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

        builder.Services.AddSingleton<ScriptCatalog>();
        builder.Services.AddSingleton<ScriptMembers>();
        builder.Services.AddSingleton<ScriptImporter>();
        builder.Services.AddSingleton<ScriptDocumentLoader>();
        builder.Services.AddSingleton<SnapshotStore>();
        builder.Services.AddSingleton<CommentStore>();
        return builder;
    }

    public static NpgsqlDataSource CreateDataSource(string connectionString)
    {
        var dataSource = new NpgsqlDataSourceBuilder(connectionString);
        dataSource.UseVector();
        dataSource.Name = "writersroom";
        return dataSource.Build();
    }

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
