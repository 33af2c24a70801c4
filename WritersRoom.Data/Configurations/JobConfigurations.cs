using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Configurations;

internal sealed class JobRunConfiguration : IEntityTypeConfiguration<JobRun>
{
    public void Configure(EntityTypeBuilder<JobRun> b)
    {
        b.Property(r => r.Job).HasMaxLength(100);
        b.Property(r => r.Instance).HasMaxLength(200);
        b.Property(r => r.Error).HasMaxLength(2000);
        // The admin page reads the latest runs of each job.
        b.HasIndex(r => new { r.Job, r.StartedAt });
    }
}

internal sealed class SceneWorkFailureConfiguration : IEntityTypeConfiguration<SceneWorkFailure>
{
    public void Configure(EntityTypeBuilder<SceneWorkFailure> b)
    {
        b.HasKey(f => f.SceneId);
        b.HasIndex(f => f.ScriptId);
        b.Property(f => f.LastError).HasMaxLength(2000);
        b.HasOne<Scene>().WithOne().HasForeignKey<SceneWorkFailure>(f => f.SceneId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class ScriptBibleStateConfiguration : IEntityTypeConfiguration<ScriptBibleState>
{
    public void Configure(EntityTypeBuilder<ScriptBibleState> b)
    {
        b.HasKey(s => s.ScriptId);
        b.HasOne<Script>().WithOne().HasForeignKey<ScriptBibleState>(s => s.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}
