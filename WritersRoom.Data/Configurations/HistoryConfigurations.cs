using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Configurations;

internal sealed class SnapshotConfiguration : IEntityTypeConfiguration<Snapshot>
{
    public void Configure(EntityTypeBuilder<Snapshot> b)
    {
        b.HasIndex(s => new { s.ScriptId, s.CreatedAt });
        b.Property(s => s.Content).HasColumnType("jsonb");
        b.HasOne<Script>().WithMany().HasForeignKey(s => s.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class CommentConfiguration : IEntityTypeConfiguration<Comment>
{
    public void Configure(EntityTypeBuilder<Comment> b)
    {
        b.HasIndex(c => c.BlockId);
        b.HasIndex(c => c.ScriptId);
        b.HasIndex(c => c.ThreadId);
        b.HasOne<Script>().WithMany().HasForeignKey(c => c.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class AppliedOperationConfiguration : IEntityTypeConfiguration<AppliedOperation>
{
    public void Configure(EntityTypeBuilder<AppliedOperation> b)
    {
        b.HasKey(o => o.OpId);
        b.HasIndex(o => new { o.ScriptId, o.AppliedAt });
        b.HasOne<Script>().WithMany().HasForeignKey(o => o.ScriptId).OnDelete(DeleteBehavior.Cascade);
    }
}
