namespace WritersRoom.Core.Fdx;

/// <summary>Final Draft's element and attribute names, and the keys under which we keep what we do not model.</summary>
internal static class FdxNames
{
    public const string SceneHeading = "Scene Heading";
    public const string Action = "Action";
    public const string Character = "Character";
    public const string Dialogue = "Dialogue";
    public const string Parenthetical = "Parenthetical";
    public const string Transition = "Transition";
    public const string Singing = "Singing";
    public const string General = "General";

    /// <summary>Our own hints for what Final Draft has no type for (sections, synopses) and for title page keys.
    /// Final Draft ignores attributes it does not know; reading them back makes our round trip exact.</summary>
    public const string HintType = "WRType";
    public const string HintLevel = "WRLevel";
    public const string HintKey = "WRKey";

    public const string ExtraType = "fdx.type";
    public const string ExtraXml = "fdx.xml";
    public const string ExtraAttributePrefix = "fdx.@";
    public const string ExtraRootAttributePrefix = "fdx.root@";
}
