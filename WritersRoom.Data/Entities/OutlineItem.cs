namespace WritersRoom.Data.Entities;

public enum OutlineKind
{
    Act,
    Sequence,
    Beat,
}

/// <summary>An act, sequence or beat; beats may link to the scenes they cover.</summary>
public class OutlineItem
{
    public Guid Id { get; set; } = Guid.CreateVersion7();
    public Guid ScriptId { get; set; }
    public Guid? ParentId { get; set; }
    public OutlineKind Kind { get; set; }
    public required string Rank { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public List<Guid> SceneIds { get; set; } = [];
    public DraftStatus Status { get; set; } = DraftStatus.Approved;
    public bool AiDrafted { get; set; }
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
