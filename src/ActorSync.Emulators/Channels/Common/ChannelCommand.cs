using Microsoft.AspNetCore.Builder;

namespace ActorSync.Emulators.Channels;

/// <summary>What the channel emulators' command lines share: parse, start, seed from files, print, wait for Ctrl+C.</summary>
internal static class ChannelCommand
{
    internal sealed class HelpRequestedException : Exception;

    public static async Task<int> RunAsync<TSettings>(
        string[] args,
        string help,
        Func<string[], TSettings> parse,
        Func<TSettings, (WebApplication App, Func<string, (int Status, string Json)> Seed, IReadOnlyList<string> SeedFiles)> build,
        Func<TSettings, string, string> banner)
    {
        TSettings settings;
        try
        {
            settings = parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine(help);
            return 2;
        }
        catch (HelpRequestedException)
        {
            Console.WriteLine(help);
            return 0;
        }

        var (app, seed, seedFiles) = build(settings);
        foreach (var file in seedFiles)
        {
            string json;
            try
            {
                json = await File.ReadAllTextAsync(file).ConfigureAwait(false);
            }
            catch (IOException error)
            {
                Console.Error.WriteLine($"--seed {file}: {error.Message}");
                return 2;
            }

            var (status, answer) = seed(json);
            if (status >= 300)
            {
                Console.Error.WriteLine($"--seed {file}: {answer}");
                return 2;
            }
        }

        await app.StartAsync().ConfigureAwait(false);
        Console.WriteLine(banner(settings, app.Urls.First().TrimEnd('/')));
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    /// <summary>Reads <c>--name value</c> pairs; <paramref name="option"/> handles one and returns false for unknown ones.</summary>
    public static void Parse(string[] args, Func<string, Func<string>, bool> option)
    {
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            if (name is "--help" or "-h")
                throw new HelpRequestedException();
            var index = i;
            string Value()
            {
                if (index + 1 >= args.Length)
                    throw new ArgumentException($"Option {name} needs a value.");
                i = ++index;
                return args[index];
            }

            if (!option(name, Value))
                throw new ArgumentException($"Unknown option '{name}'.");
        }
    }

    public static bool OnOff(string name, string value) => value switch
    {
        "on" => true,
        "off" => false,
        _ => throw new ArgumentException($"{name} takes on or off, not '{value}'."),
    };
}
