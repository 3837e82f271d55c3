using System.Globalization;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary><c>ActorSync.Emulators magento [options]</c>: runs the Magento 2 REST emulator until Ctrl+C.</summary>
public static class MagentoCommand
{
    private const string Help = """
        usage: ActorSync.Emulators magento [options]
          --urls <url>             listen address (default http://127.0.0.1:5101)
          --consumer-key <key>     the integration's consumer key (default magento-emulator-consumer-key)
          --consumer-secret <s>    its consumer secret (default magento-emulator-consumer-secret)
          --token <token>          its access token (default magento-emulator-token)
          --token-secret <s>       its access token secret (default magento-emulator-token-secret)
                                   requests must be signed OAuth 1.0a HMAC-SHA256 with these four
          --bearer <on|off>        also take the access token as "Authorization: Bearer <token>"
                                   (default off, as Magento 2.4.4+ ships)
          --last-page <repeat|empty>  a search page past the end: the last page again (default, older
                                   stores) or empty (2.4.x)
          --seed <file>            an order in the GET /V1/orders/{id} shape to start with (repeatable),
                                   e.g. ../shared/fixtures/magento/order.json
          --orders <n>             generate n orders after start (ITM SKUs, mostly processing, some
                                   pending, holded, canceled; guests; configurable rows)
          --rate <n>               orders per second for --orders (default: all at once, a burst)
          --items <n>              items of the emulated SAP company the SKUs come from (default 400)
        """;

    public static Task<int> RunAsync(string[] args) =>
        ChannelCommand.RunAsync(args, Help, Parse,
            settings =>
            {
                var state = new MagentoEmulatorState(settings.Options);
                var app = MagentoEmulator.BuildApp(state, settings.Url, logToConsole: true);
                if (settings.Orders > 0)
                    app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
                    {
                        for (var i = 0; i < settings.Orders; i++)
                        {
                            state.Generate(1);
                            if (settings.Rate > 0) await Task.Delay(TimeSpan.FromSeconds(1.0 / settings.Rate)).ConfigureAwait(false);
                        }
                    }));
                return (app, json => MagentoEndpoints.Seed(state, json), settings.SeedFiles);
            },
            (settings, root) =>
                $"Magento 2 REST emulator: {root}/rest/V1/ and {root}/rest/<store_code>/V1/ | OAuth 1.0a HMAC-SHA256 required" +
                $"{(settings.Options.BearerEnabled ? ", bearer token accepted too" : ", bearer token refused")} | last page {(settings.Options.RepeatLastPage ? "repeated" : "empty")} | " +
                $"{settings.SeedFiles.Count} seeded order(s), {settings.Orders} to generate | control {root}/__emulator/stats, /__emulator/orders, /__emulator/faults, /__emulator/generate");

    internal sealed record Settings(MagentoEmulatorOptions Options, string Url, IReadOnlyList<string> SeedFiles)
    {
        public int Orders { get; init; }
        public double Rate { get; init; }
    }

    internal static Settings Parse(string[] args)
    {
        var url = "http://127.0.0.1:5101";
        var options = new MagentoEmulatorOptions();
        var seeds = new List<string>();
        var (orders, rate) = (0, 0.0);
        ChannelCommand.Parse(args, (name, value) =>
        {
            switch (name)
            {
                case "--urls": url = value(); return true;
                case "--consumer-key": options = options with { ConsumerKey = NotEmpty(name, value()) }; return true;
                case "--consumer-secret": options = options with { ConsumerSecret = NotEmpty(name, value()) }; return true;
                case "--token": options = options with { AccessToken = NotEmpty(name, value()) }; return true;
                case "--token-secret": options = options with { AccessTokenSecret = NotEmpty(name, value()) }; return true;
                case "--bearer": options = options with { BearerEnabled = ChannelCommand.OnOff(name, value()) }; return true;
                case "--last-page":
                    options = options with
                    {
                        RepeatLastPage = value() switch
                        {
                            "repeat" => true,
                            "empty" => false,
                            var other => throw new ArgumentException($"--last-page takes repeat or empty, not '{other}'."),
                        },
                    };
                    return true;
                case "--seed": seeds.Add(value()); return true;
                case "--orders": orders = Positive(name, value()); return true;
                case "--rate": rate = double.TryParse(value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var r) && r is > 0 and <= 10_000 ? r : throw new ArgumentException("Option --rate needs a number above 0, at most 10000."); return true;
                case "--items": options = options with { ItemCount = Positive(name, value()) }; return true;
                default: return false;
            }
        });
        return new Settings(options, url, seeds) { Orders = orders, Rate = rate };
    }

    private static string NotEmpty(string name, string value) => value.Length > 0 ? value : throw new ArgumentException($"{name} must not be empty.");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0 ? n : throw new ArgumentException($"Option {name} needs a positive whole number.");
}
