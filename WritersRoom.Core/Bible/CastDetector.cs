using WritersRoom.Core.Screenplay;

namespace WritersRoom.Core.Bible;

public sealed record DetectedCharacter(string Name, int SceneCount, int LineCount, Guid FirstSceneId, IReadOnlyList<Guid> SceneIds);

public sealed record DetectedLocation(string Name, int SceneCount, Guid FirstSceneId);

public sealed record DetectedCast(IReadOnlyList<DetectedCharacter> Characters, IReadOnlyList<DetectedLocation> Locations);

/// <summary>
/// Finds the characters (from cues, variants folded) and locations (from headings) of a script given its
/// scenes in order. A line is one speech: a cue and the dialogue under it.
/// </summary>
public static class CastDetector
{
    public static DetectedCast Detect(IEnumerable<SceneContent> scenesInOrder)
    {
        ArgumentNullException.ThrowIfNull(scenesInOrder);
        var characters = new Dictionary<string, CharacterTally>(StringComparer.Ordinal);
        var locations = new Dictionary<string, (int Count, Guid First)>(StringComparer.Ordinal);
        var order = 0;

        foreach (var scene in scenesInOrder)
        {
            foreach (var p in scene.Paragraphs)
            {
                if (p.Type == ElementType.SceneHeading)
                {
                    var (place, _) = SceneHeading.Parse(p.Text);
                    if (place.Length == 0) continue;
                    locations[place] = locations.TryGetValue(place, out var l) ? (l.Count + 1, l.First) : (1, scene.SceneId);
                }
                else if (p.Type == ElementType.Character)
                {
                    var name = CharacterName.Fold(p.Text);
                    if (name.Length == 0) continue;
                    if (!characters.TryGetValue(name, out var tally))
                        characters[name] = tally = new CharacterTally(order++, scene.SceneId);
                    tally.Lines++;
                    if (tally.Scenes.Count == 0 || tally.Scenes[^1] != scene.SceneId) tally.Scenes.Add(scene.SceneId);
                }
            }
        }

        var cast = characters
            .OrderByDescending(c => c.Value.Scenes.Count).ThenByDescending(c => c.Value.Lines).ThenBy(c => c.Value.Order)
            .Select(c => new DetectedCharacter(c.Key, c.Value.Scenes.Count, c.Value.Lines, c.Value.First, c.Value.Scenes))
            .ToList();
        var places = locations.OrderByDescending(l => l.Value.Count).ThenBy(l => l.Key, StringComparer.Ordinal)
            .Select(l => new DetectedLocation(l.Key, l.Value.Count, l.Value.First)).ToList();
        return new DetectedCast(cast, places);
    }

    private sealed class CharacterTally(int order, Guid first)
    {
        public int Order { get; } = order;
        public Guid First { get; } = first;
        public int Lines { get; set; }
        public List<Guid> Scenes { get; } = [];
    }
}
