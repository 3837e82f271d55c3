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
          --webhook-destination <url>  register store/order/* and store/shipment/* hooks delivering there
          --webhook-header <name>      the hooks' custom header (default X-ActorSync-Secret)
          --webhook-secret <value>     its value (what the engine's Connectors:BigCommerce:WebhookSecret holds)
          --standard-webhooks-secret <whsec_…>  also sign deliveries (Standard Webhooks)
          --time-scale <x>      multiplies the webhook retry schedule (default 1; 0.001 turns 60 s into 60 ms)
          --delivery-timeout-ms <ms>   a delivery unanswered this long failed (default 10000)
          --duplicate-rate <p>  probability an acknowledged delivery is sent again (default 0)
          --reorder-ms <ms>     deliveries wait a random 0..ms first, so they arrive out of order (default 0)
          --orders <n>          generate n orders (ITM SKUs, mixed statuses) after start, firing their hooks
          --rate <n>            orders per second for --orders (default: all at once, a burst)
        """;

    public static Task<int> RunAsync(string[] args) =>
        ChannelCommand.RunAsync(args, Help, Parse,
            settings =>
            {
                var state = new BigCommerceEmulatorState(settings.Options);
                var app = BigCommerceEmulator.BuildApp(state, settings.Url, logToConsole: true);
                if (settings.WebhookDestination is { } destination)
                    foreach (var scope in new[] { "store/order/*", "store/shipment/*" })
                        state.Webhooks.Create(new System.Text.Json.Nodes.JsonObject
                        {
                            ["scope"] = scope, ["destination"] = destination, ["is_active"] = true,
                            ["headers"] = settings.WebhookSecret is null ? new System.Text.Json.Nodes.JsonObject() : new System.Text.Json.Nodes.JsonObject { [settings.WebhookHeader] = settings.WebhookSecret },
                        }.ToJsonString());
                if (settings.Orders > 0)
                    app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
                    {
                        for (var i = 0; i < settings.Orders; i++)
                        {
                            state.Generate(1);
                            if (settings.Rate > 0) await Task.Delay(TimeSpan.FromSeconds(1.0 / settings.Rate)).ConfigureAwait(false);
                        }
                    }));
                return (app, json => BigCommerceEndpoints.Seed(state, json), settings.SeedFiles);
            },
            (settings, root) =>
                $"BigCommerce v2 emulator: {root}/stores/{settings.Options.StoreHash}/v2/ | X-Auth-Token required | " +
                $"quota {settings.Options.RateLimit.Quota} per {settings.Options.RateLimit.WindowMs} ms | {settings.SeedFiles.Count} seeded order(s) | " +
                $"webhooks to {settings.WebhookDestination ?? "(none registered)"} | " +
                $"control {root}/__emulator/stats, /__emulator/orders, /__emulator/faults, /__emulator/generate, /__emulator/webhooks");

    internal sealed record Settings(BigCommerceEmulatorOptions Options, string Url, IReadOnlyList<string> SeedFiles)
    {
        public string? WebhookDestination { get; init; }
        public string WebhookHeader { get; init; } = "X-ActorSync-Secret";
        public string? WebhookSecret { get; init; }
        public int Orders { get; init; }
        public double Rate { get; init; }
    }

    internal static Settings Parse(string[] args)
    {
        var url = "http://127.0.0.1:5102";
        var options = new BigCommerceEmulatorOptions();
        var seeds = new List<string>();
        string? destination = null, header = "X-ActorSync-Secret", secret = null;
        int orders = 0;
        double rate = 0;
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
                case "--webhook-destination":
                    destination = value();
                    if (!Uri.TryCreate(destination, UriKind.Absolute, out _)) throw new ArgumentException("--webhook-destination needs an absolute URL.");
                    return true;
                case "--webhook-header": header = value(); return true;
                case "--webhook-secret": secret = value(); return true;
                case "--standard-webhooks-secret": options = options with { Webhooks = options.Webhooks with { StandardWebhooksSecret = value() } }; return true;
                case "--time-scale": options = options with { Webhooks = options.Webhooks with { TimeScale = Fraction(name, value(), 1e6) } }; return true;
                case "--delivery-timeout-ms": options = options with { Webhooks = options.Webhooks with { DeliveryTimeout = TimeSpan.FromMilliseconds(Positive(name, value())) } }; return true;
                case "--duplicate-rate": options = options with { Webhooks = options.Webhooks with { DuplicateRate = Fraction(name, value(), 1) } }; return true;
                case "--reorder-ms": options = options with { Webhooks = options.Webhooks with { MaxReorderDelay = TimeSpan.FromMilliseconds(Positive(name, value())) } }; return true;
                case "--orders": orders = Positive(name, value()); return true;
                case "--rate": rate = Fraction(name, value(), 10_000); return true;
                default: return false;
            }
        });
        return new Settings(options, url, seeds) { WebhookDestination = destination, WebhookHeader = header, WebhookSecret = secret, Orders = orders, Rate = rate };
    }

    private static double Fraction(string name, string value, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= 0 && x <= max
            ? x
            : throw new ArgumentException($"Option {name} needs a number from 0 to {max}.");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"Option {name} needs a positive whole number.");
}
