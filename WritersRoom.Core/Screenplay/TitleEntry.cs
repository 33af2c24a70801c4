namespace WritersRoom.Core.Screenplay;

/// <summary>One title page field, e.g. ("Title", "BIG FISH"). Multi-line values keep their line breaks as '\n'.</summary>
public sealed record TitleEntry(string Key, string Value);
