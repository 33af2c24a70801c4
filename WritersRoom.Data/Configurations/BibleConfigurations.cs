using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Configurations;

internal sealed class CharacterConfiguration : IEntityTypeConfiguration<Character>
{
    public void Configure(EntityTypeBuilder<Character> b)
    {
        b.HasIndex(c => new { c.ScriptId, c.Name }).IsUnique();
        b.HasOne<Script>().WithMany().HasForeignKey(c => c.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class LocationConfiguration : IEntityTypeConfiguration<Location>
{
    public void Configure(EntityTypeBuilder<Location> b)
    {
        b.HasIndex(l => new { l.ScriptId, l.Name }).IsUnique();
        b.HasOne<Script>().WithMany().HasForeignKey(l => l.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class OutlineItemConfiguration : IEntityTypeConfiguration<OutlineItem>
{
    public void Configure(EntityTypeBuilder<OutlineItem> b)
    {
        b.Property(o => o.Rank).HasMaxLength(64).UseCollation("C");
        b.HasIndex(o => new { o.ScriptId, o.Rank });
        b.HasIndex(o => o.ParentId);
        b.HasOne<Script>().WithMany().HasForeignKey(o => o.ScriptId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<OutlineItem>().WithMany().HasForeignKey(o => o.ParentId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SceneSummaryConfiguration : IEntityTypeConfiguration<SceneSummary>
{
    public void Configure(EntityTypeBuilder<SceneSummary> b)
    {
        b.HasKey(s => s.SceneId);
        b.HasIndex(s => s.ScriptId);
        b.HasOne<Scene>().WithOne().HasForeignKey<SceneSummary>(s => s.SceneId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Script>().WithMany().HasForeignKey(s => s.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class SceneEmbeddingConfiguration : IEntityTypeConfiguration<SceneEmbedding>
{
    public void Configure(EntityTypeBuilder<SceneEmbedding> b)
    {
        b.HasKey(e => new { e.SceneId, e.Model });
        // Per-script search is an exact scan of a few hundred rows found through this B-tree (see ARCHITECTURE.md).
        b.HasIndex(e => new { e.ScriptId, e.Model });
        // Dimensionless so that models of any size coexist during a re-embed.
        b.Property(e => e.Embedding).HasColumnType("vector");
        b.HasOne<Scene>().WithMany().HasForeignKey(e => e.SceneId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<Script>().WithMany().HasForeignKey(e => e.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}
