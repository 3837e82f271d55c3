namespace ActorSync.Emulators.Channels.Magento;

/// <summary><c>ActorSync.Emulators magento [options]</c>: runs the Magento 2 REST emulator until Ctrl+C.</summary>
public static class MagentoCommand
{
    private const string Help = """
        usage: ActorSync.Emulators magento [options]
          --urls <url>        listen address (default http://127.0.0.1:5101)
          --token <token>     integration access token accepted as "Authorization: Bearer <token>"
                              (default magento-emulator-token)
          --bearer <on|off>   integration tokens usable as bearer tokens (default on; Magento 2.4.4+ ships off)
          --seed <file>       an order in the GET /V1/orders/{id} shape to start with (repeatable),
                              e.g. ../shared/fixtures/magento/order.json
        """;

    public static Task<int> RunAsync(string[] args) =>
        ChannelCommand.RunAsync(args, Help, Parse,
            settings =>
            {
                var state = new MagentoEmulatorState(settings.Options);
                return (MagentoEmulator.BuildApp(state, settings.Url, logToConsole: true), json => MagentoEndpoints.Seed(state, json), settings.SeedFiles);
            },
            (settings, root) =>
                $"Magento 2 REST emulator: {root}/rest/V1/ and {root}/rest/<store_code>/V1/ | bearer token {(settings.Options.BearerEnabled ? "accepted" : "refused")} | " +
                $"{settings.SeedFiles.Count} seeded order(s) | control {root}/__emulator/stats, /__emulator/orders, /__emulator/faults");

    internal sealed record Settings(MagentoEmulatorOptions Options, string Url, IReadOnlyList<string> SeedFiles);

    internal static Settings Parse(string[] args)
    {
        var url = "http://127.0.0.1:5101";
        var options = new MagentoEmulatorOptions();
        var seeds = new List<string>();
        ChannelCommand.Parse(args, (name, value) =>
        {
            switch (name)
            {
                case "--urls": url = value(); return true;
                case "--token":
                    var token = value();
                    options = options with { AccessToken = token.Length > 0 ? token : throw new ArgumentException("--token must not be empty.") };
                    return true;
                case "--bearer": options = options with { BearerEnabled = ChannelCommand.OnOff(name, value()) }; return true;
                case "--seed": seeds.Add(value()); return true;
                default: return false;
            }
        });
        return new Settings(options, url, seeds);
    }
}
