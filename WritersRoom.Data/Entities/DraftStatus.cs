namespace WritersRoom.Data.Entities;

public enum DraftStatus
{
    None,
    Pending,
    Rejected,
    Approved,
}
