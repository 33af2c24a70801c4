using System.Collections.Concurrent;
using System.ComponentModel;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.SemanticKernel;
using WritersRoom.Core.Ai;
using WritersRoom.Core.Retrieval;
using WritersRoom.Core.Scripts;
using WritersRoom.Data.Chat;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Chat;

/// <summary>
/// The assistant's tools for one turn. The script and the caller are fixed when the turn builds them: no
/// function takes a script id, so whatever the model asks, it reads only this script, and each call re-checks
/// that the caller still may (membership can be revoked mid-answer). The model's arguments are untrusted (script text
/// can tell it what to ask): an id, an oversize argument or a lookup that finds nothing here is refused and logged.
/// </summary>
public sealed partial class ScriptTools(Guid scriptId, string userId, ScriptAccess access, ScriptReader reader, SceneSearch search,
    ILogger<ScriptTools>? log = null)
{
    private const int MaxSceneChars = 6000;
    private const int MaxArgumentChars = 500;
    private readonly ILogger log = log ?? NullLogger<ScriptTools>.Instance;
    private readonly ConcurrentDictionary<Guid, SceneDocument> read = new();

    /// <summary>Scenes the tools showed the model this turn: the answer may cite them like the retrieved ones.</summary>
    public IReadOnlyCollection<SceneDocument> ScenesRead => read.Values.ToList();

    [KernelFunction("search_scenes"), Description("Finds the scenes of this script most relevant to a query. Returns numbered scene blocks.")]
    public async Task<string> SearchScenesAsync([Description("What to look for")] string query, CancellationToken ct = default)
    {
        await CheckAsync("search_scenes", ct);
        if (Refusal("search_scenes", query) is { } refused) return refused;
        var scenes = await search.SearchAsync(scriptId, query, 5, ct);
        Remember(scenes);
        return Blocks(scenes);
    }

    [KernelFunction("read_scene"), Description("Reads one scene in full, by its number (as in [Scene 12]) or by words of its heading.")]
    public async Task<string> ReadSceneAsync([Description("Scene number, or part of the heading such as 'HOSPITAL ROOM'")] string scene, CancellationToken ct = default)
    {
        await CheckAsync("read_scene", ct);
        if (Refusal("read_scene", scene) is { } refused) return refused;
        var all = await reader.ScenesAsync(scriptId, ct);
        var found = int.TryParse(scene.Trim().TrimStart('#'), out var n)
            ? all.FirstOrDefault(s => s.Number == n)
            : all.FirstOrDefault(s => s.Heading.Contains(scene.Trim(), StringComparison.OrdinalIgnoreCase));
        if (found is not null) Remember([found]);
        return found is null ? NotHere("read_scene", scene, $"No scene matches '{scene}'.") : Block(found);
    }

    [KernelFunction("character_sheet"), Description("The character sheet and line counts of one character, by name.")]
    public async Task<string> CharacterSheetAsync(string name, CancellationToken ct = default)
    {
        await CheckAsync("character_sheet", ct);
        if (Refusal("character_sheet", name) is { } refused) return refused;
        var c = await reader.CharacterAsync(scriptId, name, ct);
        if (c is null) return NotHere("character_sheet", name, $"No character named {name}.");
        // A draft the writers have not approved is labelled so, never passed off as their sheet.
        var sheet = c.Sheet ?? (c.DraftSheet is { } draft ? "Unapproved draft sheet: " + draft : "(no sheet yet)");
        return $"{c.Name}: {c.SceneCount} scenes, {c.LineCount} lines.\n{sheet}";
    }

    [KernelFunction("outline"), Description("The script's outline: acts, sequences and beats.")]
    public async Task<string> OutlineAsync(CancellationToken ct = default)
    {
        await CheckAsync("outline", ct);
        var items = await reader.OutlineAsync(scriptId, ct);
        return items.Count == 0 ? "The script has no outline yet." : string.Join('\n', items.Select(o => $"{o.Kind}: {o.Title} {o.Description}".TrimEnd()));
    }

    [KernelFunction("scenes_with_character"), Description("Lists the scenes where a character speaks or is named, by number and heading.")]
    public async Task<string> ScenesWithCharacterAsync(string name, CancellationToken ct = default)
    {
        await CheckAsync("scenes_with_character", ct);
        if (Refusal("scenes_with_character", name) is { } refused) return refused;
        var all = await reader.ScenesAsync(scriptId, ct);
        var hits = all.Where(s => s.BlockTexts.Any(t => t.Contains(name.Trim(), StringComparison.OrdinalIgnoreCase))).ToList();
        Remember(hits);
        return hits.Count == 0
            ? NotHere("scenes_with_character", name, $"{name} does not appear.")
            : string.Join('\n', hits.Select(s => SceneCitation.FormatBlockHeader(s.Number, s.Heading)));
    }

    private void Remember(IEnumerable<SceneDocument> scenes)
    {
        foreach (var scene in scenes) read.TryAdd(scene.SceneId, scene);
    }

    private async Task CheckAsync(string tool, CancellationToken ct)
    {
        try
        {
            await access.RequireAsync(userId, scriptId, ScriptRole.Reader, ct);
        }
        catch (Exception e) when (e is ScriptNotFoundException or ScriptAccessDeniedException)
        {
            log.LogWarning("Refused the assistant's {Tool} call for {UserId} on script {ScriptId}: not a member any more", tool, userId, scriptId);
            throw;
        }
    }

    /// <summary>
    /// The tools name scenes by number or heading and characters by name: an argument carrying an id (a GUID) can only be
    /// another script's or made up, and a very long one is no name. Refused, with a reason the model can read.
    /// </summary>
    private string? Refusal(string tool, string? argument)
    {
        argument ??= "";
        var reason = argument.Length > MaxArgumentChars ? $"the argument is {argument.Length:N0} characters"
            : IdPattern().IsMatch(argument) ? "the argument names an id" : null;
        if (reason is null) return null;
        log.LogWarning("Refused the assistant's {Tool} call for {UserId} on script {ScriptId}: {Reason} ({Argument})",
            tool, userId, scriptId, reason, Shorten(argument));
        return $"Refused: {reason}. These tools read only the script of this conversation, by scene number, heading or character name.";
    }

    /// <summary>A lookup that found nothing in this script: what the model asked for may be another script's (script text can ask).</summary>
    private string NotHere(string tool, string argument, string answer)
    {
        log.LogInformation("Refused the assistant's {Tool} call for {UserId} on script {ScriptId}: nothing in this script matches {Argument}",
            tool, userId, scriptId, Shorten(argument));
        return answer;
    }

    private static string Shorten(string s) => s.Length <= 100 ? s : s[..100] + "…";

    private static string Blocks(IEnumerable<SceneDocument> scenes) => string.Join("\n\n", scenes.Select(Block));

    private static string Block(SceneDocument s)
    {
        var text = PromptAssembler.SceneBlock(new RetrievedPassage(s.Number, s.Heading, s.Summary, string.Join('\n', s.BlockTexts.Skip(1))));
        return text.Length <= MaxSceneChars ? text : new StringBuilder(text, 0, MaxSceneChars, MaxSceneChars + 16).Append("\n[…]").ToString();
    }

    [GeneratedRegex("[0-9a-fA-F]{8}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{4}-?[0-9a-fA-F]{12}")]
    private static partial Regex IdPattern();
}
