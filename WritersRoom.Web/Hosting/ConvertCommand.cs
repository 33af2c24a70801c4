using WritersRoom.Core.Fountain;
using WritersRoom.Core.Screenplay;
using WritersRoom.Web.Scripts;

namespace WritersRoom.Web.Hosting;

/// <summary>`convert INPUT --to json [--out FILE]`: parse a screenplay file and print it, without starting the server.</summary>
public static class ConvertCommand
{
    private const string Usage = "usage: convert INPUT --to json [--out FILE]";

    public static async Task<int> RunAsync(string[] args)
    {
        string? input = null, to = null, output = null;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--to" when i + 1 < args.Length: to = args[++i]; break;
                case "--out" when i + 1 < args.Length: output = args[++i]; break;
                case var a when !a.StartsWith("--") && input is null: input = a; break;
                default:
                    await Console.Error.WriteLineAsync($"convert: unexpected argument '{args[i]}'\n{Usage}");
                    return 2;
            }
        }
        if (input is null || to is null)
        {
            await Console.Error.WriteLineAsync(Usage);
            return 2;
        }
        if (!File.Exists(input))
        {
            await Console.Error.WriteLineAsync($"convert: {input} does not exist");
            return 1;
        }
        if (!to.Equals("json", StringComparison.OrdinalIgnoreCase))
        {
            await Console.Error.WriteLineAsync($"convert: unknown target format '{to}' (supported: json)");
            return 2;
        }

        try
        {
            await using var stream = File.OpenRead(input);
            var text = await FountainImport.ReadTextAsync(stream, CancellationToken.None);
            var json = ScreenplayJson.Serialize(FountainParser.Parse(text), indented: true);
            if (output is null) Console.WriteLine(json);
            else await File.WriteAllTextAsync(output, json + "\n");
            return 0;
        }
        catch (ImportException e)
        {
            await Console.Error.WriteLineAsync($"convert: {e.Message}");
            return 1;
        }
    }
}
