using System.Globalization;

namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary><c>ActorSync.Emulators bigcommerce [options]</c>: runs the BigCommerce v2 Orders API emulator until Ctrl+C.</summary>
public static class BigCommerceCommand
{
    private const string Help = """
        usage: ActorSync.Emulators bigcommerce [options]
          --urls <url>          listen address (default http://127.0.0.1:5102)
          --store-hash <hash>   store hash in /stores/{hash}/v2/ (default emul8tr)
          --token <token>       access token expected in X-Auth-Token (default bigcommerce-emulator-token)
          --quota <n>           requests per window (default 150, Standard/Plus)
          --window-ms <ms>      quota window in milliseconds (default 30000)
          --seed <file>         {"order":…,"products":[…],"shipping_addresses":[…]} to start with (repeatable)
        """;

    public static Task<int> RunAsync(string[] args) =>
        ChannelCommand.RunAsync(args, Help, Parse,
            settings =>
            {
                var state = new BigCommerceEmulatorState(settings.Options);
                return (BigCommerceEmulator.BuildApp(state, settings.Url, logToConsole: true), json => BigCommerceEndpoints.Seed(state, json), settings.SeedFiles);
            },
            (settings, root) =>
                $"BigCommerce v2 emulator: {root}/stores/{settings.Options.StoreHash}/v2/ | X-Auth-Token required | " +
                $"quota {settings.Options.RateLimit.Quota} per {settings.Options.RateLimit.WindowMs} ms | {settings.SeedFiles.Count} seeded order(s) | " +
                $"control {root}/__emulator/stats, /__emulator/orders, /__emulator/faults");

    internal sealed record Settings(BigCommerceEmulatorOptions Options, string Url, IReadOnlyList<string> SeedFiles);

    internal static Settings Parse(string[] args)
    {
        var url = "http://127.0.0.1:5102";
        var options = new BigCommerceEmulatorOptions();
        var seeds = new List<string>();
        ChannelCommand.Parse(args, (name, value) =>
        {
            switch (name)
            {
                case "--urls": url = value(); return true;
                case "--store-hash":
                    var hash = value();
                    options = options with { StoreHash = hash.Length > 0 && hash.All(char.IsAsciiLetterOrDigit) ? hash : throw new ArgumentException("--store-hash takes letters and digits only.") };
                    return true;
                case "--token":
                    var token = value();
                    options = options with { AccessToken = token.Length > 0 ? token : throw new ArgumentException("--token must not be empty.") };
                    return true;
                case "--quota": options = options with { RateLimit = options.RateLimit with { Quota = Positive(name, value()) } }; return true;
                case "--window-ms": options = options with { RateLimit = options.RateLimit with { WindowMs = Positive(name, value()) } }; return true;
                case "--seed": seeds.Add(value()); return true;
                default: return false;
            }
        });
        return new Settings(options, url, seeds);
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"Option {name} needs a positive whole number.");
}
