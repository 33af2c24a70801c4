using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data;

public class WritersRoomDbContext(DbContextOptions<WritersRoomDbContext> options)
    : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    public DbSet<Script> Scripts => Set<Script>();
    public DbSet<ScriptMember> ScriptMembers => Set<ScriptMember>();
    public DbSet<Scene> Scenes => Set<Scene>();
    public DbSet<Block> Blocks => Set<Block>();
    public DbSet<Character> Characters => Set<Character>();
    public DbSet<Location> Locations => Set<Location>();
    public DbSet<OutlineItem> OutlineItems => Set<OutlineItem>();
    public DbSet<SceneSummary> SceneSummaries => Set<SceneSummary>();
    public DbSet<SceneEmbedding> SceneEmbeddings => Set<SceneEmbedding>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();
    public DbSet<TokenUsage> TokenUsages => Set<TokenUsage>();
    public DbSet<Snapshot> Snapshots => Set<Snapshot>();
    public DbSet<Comment> Comments => Set<Comment>();
    public DbSet<AppliedOperation> AppliedOperations => Set<AppliedOperation>();
    public DbSet<JobRun> JobRuns => Set<JobRun>();
    public DbSet<SceneWorkFailure> SceneWorkFailures => Set<SceneWorkFailure>();
    public DbSet<ScriptBibleState> ScriptBibleStates => Set<ScriptBibleState>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("vector");
        builder.ApplyConfigurationsFromAssembly(typeof(WritersRoomDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder builder)
    {
        // Enums are stored by name: readable in psql and safe when members are reordered.
        builder.Properties<Enum>().HaveConversion<string>().HaveMaxLength(32);
    }
}
