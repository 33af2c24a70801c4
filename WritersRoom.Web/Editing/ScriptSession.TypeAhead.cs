using WritersRoom.Core.Editing;
using WritersRoom.Core.Screenplay;

namespace WritersRoom.Web.Editing;

/// <summary>
/// The names offered while typing a cue or a heading, from the live copy (never the database). Built on demand
/// and kept until a heading or a cue changes; <see cref="TypeAheadVersion"/> tells editors when to fetch again.
/// </summary>
public sealed partial class ScriptSession
{
    private TypeAheadLists? typeAhead;
    private long typeAheadVersion;

    public long TypeAheadVersion { get { lock (gate) return typeAheadVersion; } }

    public TypeAheadLists TypeAhead()
    {
        lock (gate) return typeAhead ??= TypeAheadLists.From(scenes.SelectMany(s => s.Blocks).Select(b => (b.Type, b.Text)));
    }

    private void NamesMayHaveChanged(ElementType type)
    {
        if (type is not (ElementType.SceneHeading or ElementType.Character)) return;
        typeAhead = null;
        typeAheadVersion++;
    }
}
