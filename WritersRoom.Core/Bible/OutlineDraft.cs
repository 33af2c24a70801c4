using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Bible;

public sealed record DraftBeat(string Title, string? Description, IReadOnlyList<Guid> SceneIds);

public sealed record DraftSequence(string Title, IReadOnlyList<DraftBeat> Beats, string? Description = null);

public sealed record DraftAct(string Title, IReadOnlyList<DraftSequence> Sequences, string? Description = null);

public sealed record SceneSynopsis(Guid SceneId, string? Heading, string Summary);

/// <summary>
/// Drafts an act/sequence/beat outline from scene summaries: three acts in the classic quarter–half–quarter
/// proportions, sequences of a few scenes named after where they mostly happen, one beat per scene. A model
/// may rename and describe it; the structure and the scene links come from here either way.
/// </summary>
public static class OutlineDraft
{
    public const int ScenesPerSequence = 8;

    public static IReadOnlyList<DraftAct> Build(IReadOnlyList<SceneSynopsis> scenesInOrder)
    {
        ArgumentNullException.ThrowIfNull(scenesInOrder);
        if (scenesInOrder.Count == 0) return [];

        var n = scenesInOrder.Count;
        var firstBreak = Math.Max(1, (int)Math.Round(n * 0.25));
        var secondBreak = Math.Max(firstBreak, (int)Math.Round(n * 0.75));
        var acts = new List<DraftAct>();
        AddAct(acts, "Act I", scenesInOrder.Take(firstBreak).ToList());
        AddAct(acts, "Act II", scenesInOrder.Skip(firstBreak).Take(secondBreak - firstBreak).ToList());
        AddAct(acts, "Act III", scenesInOrder.Skip(secondBreak).ToList());
        return acts;
    }

    private static void AddAct(List<DraftAct> acts, string title, List<SceneSynopsis> scenes)
    {
        if (scenes.Count == 0) return;
        var sequences = scenes.Chunk(ScenesPerSequence)
            .Select(chunk => new DraftSequence(SequenceTitle(chunk), chunk.Select(Beat).ToList()))
            .ToList();
        acts.Add(new DraftAct(title, sequences));
    }

    private static DraftBeat Beat(SceneSynopsis scene) =>
        new(scene.Heading is { Length: > 0 } h ? h.Trim() : "Opening", scene.Summary, [scene.SceneId]);

    private static string SequenceTitle(SceneSynopsis[] scenes)
    {
        var place = scenes.Where(s => s.Heading is { Length: > 0 })
            .Select(s => SceneHeading.Parse(s.Heading!).Location)
            .Where(l => l.Length > 0)
            .GroupBy(l => l).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstOrDefault();
        return place is null ? "Sequence" : TitleCase(place);
    }

    private static string TitleCase(string s) =>
        string.Join(' ', s.ToLowerInvariant().Split(' ').Select(w => w.Length > 0 ? char.ToUpperInvariant(w[0]) + w[1..] : w));
}
