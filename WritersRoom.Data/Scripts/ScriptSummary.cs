using WritersRoom.Core.Scripts;

namespace WritersRoom.Data.Scripts;

/// <summary>One row of "my scripts".</summary>
public sealed record ScriptSummary(Guid Id, string Title, ScriptRole Role, int SceneCount, DateTimeOffset UpdatedAt);

public sealed record MemberInfo(string UserId, string Email, string? DisplayName, ScriptRole Role);

/// <summary>What the script page shows above the editor.</summary>
public sealed record ScriptHeader(Guid Id, string Title, ScriptRole Role);
