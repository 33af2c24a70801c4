using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Configurations;

internal sealed class ScriptConfiguration : IEntityTypeConfiguration<Script>
{
    public void Configure(EntityTypeBuilder<Script> b)
    {
        b.Property(s => s.Title).HasMaxLength(300);
        b.Property(s => s.TitlePage).HasJsonConversion();
        b.Property(s => s.Extras).HasExtrasConversion();
        b.Property(s => s.Version).IsConcurrencyToken(false);
    }
}

internal sealed class ScriptMemberConfiguration : IEntityTypeConfiguration<ScriptMember>
{
    public void Configure(EntityTypeBuilder<ScriptMember> b)
    {
        b.HasKey(m => new { m.ScriptId, m.UserId });
        // Stored as a number, unlike other enums: access checks compare roles ("at least Writer") in SQL.
        b.Property(m => m.Role).HasConversion<short>();
        b.HasIndex(m => m.UserId);
        b.HasOne(m => m.Script).WithMany(s => s.Members).HasForeignKey(m => m.ScriptId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne(m => m.User).WithMany().HasForeignKey(m => m.UserId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SceneConfiguration : IEntityTypeConfiguration<Scene>
{
    public void Configure(EntityTypeBuilder<Scene> b)
    {
        b.Property(s => s.Rank).HasMaxLength(64).UseCollation("C");
        b.HasIndex(s => new { s.ScriptId, s.Rank });
        // The scene job's queue: only stale scenes are in it, in the order the job takes them (oldest change first).
        b.HasIndex(s => new { s.ContentChangedAt, s.Id }).HasDatabaseName("ix_scenes_stale")
            .HasFilter("summarized_hash IS DISTINCT FROM content_hash OR embedded_hash IS DISTINCT FROM content_hash");
        // After an embedding-model change: the scenes whose vector is from another model.
        b.HasIndex(s => s.EmbeddedModel);
        b.HasOne(s => s.Script).WithMany(s => s.Scenes).HasForeignKey(s => s.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class BlockConfiguration : IEntityTypeConfiguration<Block>
{
    public void Configure(EntityTypeBuilder<Block> b)
    {
        b.Property(x => x.Rank).HasMaxLength(64).UseCollation("C");
        b.Property(x => x.Extras).HasExtrasConversion();
        b.HasIndex(x => new { x.SceneId, x.Rank });
        b.HasIndex(x => x.ScriptId);
        b.HasOne(x => x.Scene).WithMany(s => s.Blocks).HasForeignKey(x => x.SceneId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Script>().WithMany().HasForeignKey(x => x.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}
