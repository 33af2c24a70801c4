using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WritersRoom.Data.Entities;

namespace WritersRoom.Data.Configurations;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> b)
    {
        b.Property(c => c.Title).HasMaxLength(200);
        b.HasIndex(c => new { c.ScriptId, c.UpdatedAt });
        b.HasIndex(c => c.CreatedById);
        // The title job's queue: threads still titled by their first words (few at any time).
        b.HasIndex(c => c.UpdatedAt).HasDatabaseName("ix_conversations_pending_title").HasFilter("auto_titled");
        // The summary job's queue is an expression index, (message_count - summarized_count), made in the migration.
        b.HasOne<Script>().WithMany().HasForeignKey(c => c.ScriptId).OnDelete(DeleteBehavior.Cascade);
        b.HasOne<AppUser>().WithMany().HasForeignKey(c => c.CreatedById).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> b)
    {
        b.HasIndex(m => new { m.ConversationId, m.CreatedAt });
        b.HasIndex(m => new { m.ConversationId, m.IdempotencyKey }).IsUnique().HasFilter("idempotency_key IS NOT NULL");
        b.Property(m => m.Citations).HasJsonConversion();
        // A default in the database too: the user's message is inserted by hand-written SQL that names no proposals.
        b.Property(m => m.Proposals).HasJsonConversion().HasDefaultValueSql("'[]'::jsonb");
        b.Property(m => m.Timings).HasJsonConversion();
        b.HasOne<Conversation>().WithMany().HasForeignKey(m => m.ConversationId).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class TokenUsageConfiguration : IEntityTypeConfiguration<TokenUsage>
{
    public void Configure(EntityTypeBuilder<TokenUsage> b)
    {
        b.HasKey(u => new { u.Day, u.UserId, u.ScriptId, u.Model });
        b.HasIndex(u => new { u.UserId, u.Day });
        b.HasIndex(u => new { u.ScriptId, u.Day });
    }
}
