using WritersRoom.Core.Fountain;
using WritersRoom.Core.History;
using WritersRoom.Core.Screenplay;
using WritersRoom.Core.Tests.Fountain;

namespace WritersRoom.Core.Tests.History;

public sealed class ScriptComparerTests
{
    private static VersionParagraph P(ElementType type, string text, Guid? id = null) => new(id ?? Guid.NewGuid(), "m", type, text);

    private static VersionScene Scene(Guid id, params VersionParagraph[] paragraphs) => new(id, "m", null, paragraphs);

    private static VersionScene Scene(params VersionParagraph[] paragraphs) => Scene(Guid.NewGuid(), paragraphs);

    /// <summary>The same version with one paragraph's text replaced (ids kept, as an edit keeps them).</summary>
    private static ScriptVersion Edit(ScriptVersion v, string from, string to) => new(v.Scenes.Select(s => s with
    {
        Paragraphs = s.Paragraphs.Select(p => p.Text == from ? p with { Text = to } : p).ToList(),
    }).ToList());

    private static readonly ScriptVersion Draft = new([
        Scene(P(ElementType.SceneHeading, "INT. RIVER - DAY"), P(ElementType.Action, "Edward wades in."), P(ElementType.Character, "WILL"), P(ElementType.Dialogue, "Dad?")),
        Scene(P(ElementType.SceneHeading, "EXT. ROAD - NIGHT"), P(ElementType.Action, "A car passes.")),
        Scene(P(ElementType.SceneHeading, "INT. HOSPITAL - DAY"), P(ElementType.Action, "Edward sleeps.")),
    ]);

    [Fact]
    public void A_version_compared_with_itself_is_identical()
    {
        var result = ScriptComparer.Compare(Draft, Draft);
        Assert.True(result.Identical);
        Assert.Equal(3, result.Scenes.Count);
        Assert.All(result.Scenes.SelectMany(s => s.Paragraphs), p => Assert.Equal(ChangeKind.Unchanged, p.Kind));
    }

    [Fact]
    public void An_edited_paragraph_is_changed_with_the_words_inserted_and_deleted()
    {
        var result = ScriptComparer.Compare(Draft, Edit(Draft, "Edward wades in.", "Edward slowly wades into the river."));

        var scene = Assert.Single(result.Scenes, s => s.Kind == ChangeKind.Changed);
        Assert.Equal("INT. RIVER - DAY", scene.Heading);
        var p = Assert.Single(scene.Paragraphs, p => p.Kind == ChangeKind.Changed);
        Assert.Equal("Edward wades in.", string.Concat(p.Spans.Where(s => s.Kind != SpanKind.Inserted).Select(s => s.Text)));
        Assert.Equal("Edward slowly wades into the river.", string.Concat(p.Spans.Where(s => s.Kind != SpanKind.Deleted).Select(s => s.Text)));
        Assert.Contains(p.Spans, s => s.Kind == SpanKind.Inserted && s.Text.Contains("slowly"));
        Assert.Equal(3, scene.Paragraphs.Count(x => x.Kind == ChangeKind.Unchanged));
    }

    [Fact]
    public void Added_and_removed_scenes_and_paragraphs_keep_their_places()
    {
        var scenes = Draft.Scenes.ToList();
        var swamp = Scene(P(ElementType.SceneHeading, "EXT. SWAMP - DAY"), P(ElementType.Action, "A witch."));
        var river = scenes[0] with { Paragraphs = [.. scenes[0].Paragraphs.Take(2), P(ElementType.Action, "He floats."), .. scenes[0].Paragraphs.Skip(2)] };
        var hospital = scenes[2] with { Paragraphs = [scenes[2].Paragraphs[0]] };
        var newer = new ScriptVersion([river, swamp, hospital]);

        var result = ScriptComparer.Compare(Draft, newer);

        // Where one scene replaced another, the removed one comes first (as a diff reads).
        Assert.Equal(["INT. RIVER - DAY", "EXT. ROAD - NIGHT", "EXT. SWAMP - DAY", "INT. HOSPITAL - DAY"], result.Scenes.Select(s => s.Heading));
        Assert.Equal([ChangeKind.Changed, ChangeKind.Removed, ChangeKind.Added, ChangeKind.Changed], result.Scenes.Select(s => s.Kind));
        Assert.Equal([ChangeKind.Unchanged, ChangeKind.Unchanged, ChangeKind.Added, ChangeKind.Unchanged, ChangeKind.Unchanged],
            result.Scenes[0].Paragraphs.Select(p => p.Kind));
        Assert.Equal("Edward sleeps.", Assert.Single(result.Scenes[3].Paragraphs, p => p.Kind == ChangeKind.Removed).OldText);
        Assert.Equal((1, 1, 2, 0), (result.Added, result.Removed, result.Changed, result.Moved));
    }

    [Fact]
    public void A_scene_moved_elsewhere_is_marked_moved_and_the_others_are_not()
    {
        var s = Draft.Scenes;
        var result = ScriptComparer.Compare(Draft, new ScriptVersion([s[1], s[2], s[0]]));

        Assert.Equal(1, result.Moved);
        Assert.True(Assert.Single(result.Scenes, x => x.Moved).Heading == "INT. RIVER - DAY");
        Assert.All(result.Scenes, x => Assert.Equal(ChangeKind.Unchanged, x.Kind));
        Assert.False(result.Identical);
    }

    [Fact]
    public void A_retyped_scene_heading_is_the_same_scene_renamed()
    {
        var result = ScriptComparer.Compare(Draft, Edit(Draft, "EXT. ROAD - NIGHT", "EXT. HIGHWAY - NIGHT"));
        var renamed = Assert.Single(result.Scenes, s => s.Kind == ChangeKind.Changed);
        Assert.Equal(("EXT. HIGHWAY - NIGHT", "EXT. ROAD - NIGHT"), (renamed.Heading, renamed.OldHeading));
        Assert.Equal(0, result.Added + result.Removed);
    }

    [Fact]
    public void Versions_from_separate_imports_pair_scenes_by_heading_and_similar_paragraphs_as_changed()
    {
        var older = ScriptVersion.FromScreenplay(FountainParser.Parse("INT. RIVER - DAY\n\nEdward wades in.\n\nWILL\nDad?\n\nEXT. ROAD - NIGHT\n\nA car passes.\n"));
        var newer = ScriptVersion.FromScreenplay(FountainParser.Parse("INT. RIVER - DAY\n\nEdward wades in slowly.\n\nWILL\nDad?\n\nEXT. ROAD - NIGHT\n\nA car passes.\n"));

        var result = ScriptComparer.Compare(older, newer);

        Assert.Equal((0, 0, 1), (result.Added, result.Removed, result.Changed));
        var changed = Assert.Single(result.Scenes[0].Paragraphs, p => p.Kind != ChangeKind.Unchanged);
        Assert.Equal(ChangeKind.Changed, changed.Kind);
        Assert.Equal("Edward wades in slowly.", changed.NewText);
    }

    [Fact]
    public void Unrelated_paragraphs_in_the_same_place_read_as_removed_and_added_not_changed()
    {
        var older = ScriptVersion.FromScreenplay(FountainParser.Parse("INT. RIVER - DAY\n\nEdward wades in.\n"));
        var newer = ScriptVersion.FromScreenplay(FountainParser.Parse("INT. RIVER - DAY\n\nA catfish the size of a canoe.\n"));

        var kinds = ScriptComparer.Compare(older, newer).Scenes.Single().Paragraphs.Select(p => p.Kind);

        Assert.Equal([ChangeKind.Unchanged, ChangeKind.Removed, ChangeKind.Added], kinds);
    }

    [Fact]
    public void A_type_change_alone_is_a_change()
    {
        var id = Guid.NewGuid();
        var older = new ScriptVersion([Scene(P(ElementType.SceneHeading, "INT. A"), P(ElementType.Action, "Fade out.", id))]);
        var newer = new ScriptVersion([older.Scenes[0] with { Paragraphs = [older.Scenes[0].Paragraphs[0], P(ElementType.Transition, "Fade out.", id)] }]);

        var p = ScriptComparer.Compare(older, newer).Scenes[0].Paragraphs[1];

        Assert.Equal((ChangeKind.Changed, ElementType.Transition, (ElementType?)ElementType.Action), (p.Kind, p.Type, p.OldType));
    }

    [Fact]
    public void Big_fish_against_itself_with_one_scene_deleted_finds_exactly_that()
    {
        var big = ScriptVersion.FromScreenplay(FountainParser.Parse(Fixtures.Read("big-fish.fountain")));
        var gone = big.Scenes[100];
        var newer = new ScriptVersion(big.Scenes.Where(s => s != gone).ToList());

        var result = ScriptComparer.Compare(big, newer);

        Assert.Equal((0, 1, 0, 0), (result.Added, result.Removed, result.Changed, result.Moved));
        Assert.Equal(gone.Heading, Assert.Single(result.Scenes, s => s.Kind == ChangeKind.Removed).Heading);
        Assert.Equal(big.Scenes.Count, result.Scenes.Count);
        Assert.Equal(gone.Id, big.Scenes[result.Scenes.ToList().FindIndex(s => s.Kind == ChangeKind.Removed)].Id);
    }
}
