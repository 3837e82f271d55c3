using System.Globalization;

namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary><c>ActorSync.Emulators sitoo [options]</c>: runs the Sitoo REST API emulator and its Events SPI sender until Ctrl+C.</summary>
public static class SitooCommand
{
    private const string Help = """
        usage: ActorSync.Emulators sitoo [options]
          --urls <url>            listen address (default http://127.0.0.1:5103)
          --account <id>          account id in /v2/accounts/{id}/ (default 90316)
          --site <id>             site id (default 1)
          --api-id <id>           API ID, the Basic user (default 90316-125)
          --password <p>          API password (default sitoo-emulator-password)
          --items <n>             items of the emulated SAP company whose plain ITM SKUs are sold (default 400)
          --seed <file>           a Sitoo order or {"totalcount":n,"items":[orders]} to start with (repeatable)
          --events-destination <url>  where the Events SPI POSTs (the engine's /webhooks/sitoo)
          --events-user <u> --events-password <p>  the SPI's own Basic auth (never the API credentials)
          --retry-rule current|legacy  current: retry 429/503/504 only; legacy: retry all but 200 and 4xx (default current)
          --time-scale <x>        multiplies the SPI retry schedule (default 1; 0.001 turns 30 s into 30 ms)
          --reply-timeout-ms <ms> an SPI call unanswered this long failed (default 15000)
          --duplicate-rate <p>    probability an acknowledged SPI call is sent again (default 0)
          --orders <n>            generate n orders after start (card and cash sales, webshop orders, returns)
          --transactions <n>      generate n warehouse transactions in warehouse 1
          --rate <n>              orders per second for --orders (default: all at once, a burst)
        """;

    public static Task<int> RunAsync(string[] args) =>
        ChannelCommand.RunAsync(args, Help, Parse,
            settings =>
            {
                var state = new SitooEmulatorState(settings.Options);
                var app = SitooEmulator.BuildApp(state, settings.Url, logToConsole: true);
                app.Lifetime.ApplicationStopping.Register(() => state.Events.DisposeAsync().AsTask().Wait(TimeSpan.FromSeconds(2)));
                if (settings.Orders > 0 || settings.Transactions > 0)
                    app.Lifetime.ApplicationStarted.Register(() => _ = Task.Run(async () =>
                    {
                        state.GenerateTransactions(settings.Transactions);
                        SitooOrderKind[] mix = [SitooOrderKind.PosCardSale, SitooOrderKind.PosCashSale, SitooOrderKind.WebshopPaid, SitooOrderKind.PosCardSale, SitooOrderKind.PosReturn, SitooOrderKind.WebshopUnpaid];
                        for (var i = 0; i < settings.Orders; i++)
                        {
                            state.Generate(1, [mix[i % mix.Length]]);
                            if (settings.Rate > 0) await Task.Delay(TimeSpan.FromSeconds(1.0 / settings.Rate)).ConfigureAwait(false);
                        }
                    }));
                return (app, json => SitooEndpoints.Seed(state, json), settings.SeedFiles);
            },
            (settings, root) =>
                $"Sitoo emulator: {root}/v2/accounts/{settings.Options.AccountId}/sites/{settings.Options.SiteId}/ | Basic auth as API ID {settings.Options.ApiId} | " +
                $"{settings.SeedFiles.Count} seed file(s) | events SPI to {settings.Options.Events.Destination?.ToString() ?? "(none)"} ({settings.Options.Events.RetryRule} rule) | " +
                $"control {root}/__emulator/stats, /__emulator/orders, /__emulator/faults, /__emulator/generate, /__emulator/transactions, /__emulator/events");

    internal sealed record Settings(SitooEmulatorOptions Options, string Url, IReadOnlyList<string> SeedFiles)
    {
        public int Orders { get; init; }
        public int Transactions { get; init; }
        public double Rate { get; init; }
    }

    internal static Settings Parse(string[] args)
    {
        var url = "http://127.0.0.1:5103";
        var options = new SitooEmulatorOptions();
        var seeds = new List<string>();
        int orders = 0, transactions = 0;
        double rate = 0;
        ChannelCommand.Parse(args, (name, value) =>
        {
            switch (name)
            {
                case "--urls": url = value(); return true;
                case "--account":
                    var account = value();
                    options = options with { AccountId = account.Length > 0 && account.All(char.IsAsciiDigit) ? account : throw new ArgumentException("--account takes digits only.") };
                    return true;
                case "--site": options = options with { SiteId = Positive(name, value()) }; return true;
                case "--api-id": options = options with { ApiId = NonEmpty(name, value()) }; return true;
                case "--password": options = options with { ApiPassword = NonEmpty(name, value()) }; return true;
                case "--items": options = options with { ItemCount = Positive(name, value()) }; return true;
                case "--seed": seeds.Add(value()); return true;
                case "--events-destination":
                    var destination = value();
                    options = options with { Events = options.Events with { Destination = Uri.TryCreate(destination, UriKind.Absolute, out var uri) ? uri : throw new ArgumentException("--events-destination needs an absolute URL.") } };
                    return true;
                case "--events-user": options = options with { Events = options.Events with { User = NonEmpty(name, value()) } }; return true;
                case "--events-password": options = options with { Events = options.Events with { Password = NonEmpty(name, value()) } }; return true;
                case "--retry-rule":
                    options = options with
                    {
                        Events = options.Events with
                        {
                            RetryRule = value() switch { "current" => SitooRetryRule.Current, "legacy" => SitooRetryRule.Legacy, var other => throw new ArgumentException($"--retry-rule takes current or legacy, not '{other}'.") },
                        },
                    };
                    return true;
                case "--time-scale": options = options with { Events = options.Events with { TimeScale = Fraction(name, value(), 1e6) } }; return true;
                case "--reply-timeout-ms": options = options with { Events = options.Events with { ReplyTimeout = TimeSpan.FromMilliseconds(Positive(name, value())) } }; return true;
                case "--duplicate-rate": options = options with { Events = options.Events with { DuplicateRate = Fraction(name, value(), 1) } }; return true;
                case "--orders": orders = Positive(name, value()); return true;
                case "--transactions": transactions = Positive(name, value()); return true;
                case "--rate": rate = Fraction(name, value(), 10_000); return true;
                default: return false;
            }
        });
        if (options.Events.User is not null && options.Events.Password is null)
            throw new ArgumentException("--events-user needs --events-password.");
        if (options.Events.User == options.ApiId)
            throw new ArgumentException("--events-user must not be the API ID: the SPI's credentials are its own.");
        return new Settings(options, url, seeds) { Orders = orders, Transactions = transactions, Rate = rate };
    }

    private static string NonEmpty(string name, string value) => value.Length > 0 ? value : throw new ArgumentException($"Option {name} must not be empty.");

    private static double Fraction(string name, string value, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= 0 && x <= max
            ? x
            : throw new ArgumentException($"Option {name} needs a number from 0 to {max}.");

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"Option {name} needs a positive whole number.");
}
