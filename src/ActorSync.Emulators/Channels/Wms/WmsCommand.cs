using System.Globalization;

namespace ActorSync.Emulators.Channels.Wms;

/// <summary><c>ActorSync.Emulators wms [options]</c>: a warehouse system pushing signed events to the engine until Ctrl+C.</summary>
public static class WmsCommand
{
    private const string Help = """
        usage: ActorSync.Emulators wms [options]
          --urls <url>             control API address (default http://127.0.0.1:5103)
          --target <url>           the engine's canonical endpoint, e.g. http://127.0.0.1:5080/webhooks/wms/acme-3pl
          --secret <value>         HMAC key for X-ActorSync-Signature (the source's Connectors:Wms:Sources:N:Secret)
          --mintsoft-target <url>  the engine's Mintsoft endpoint, e.g. http://127.0.0.1:5080/webhooks/mintsoft
          --mintsoft-secret <v>    the Authorization value (Connectors:Mintsoft:Secret)
          --warehouse <code>       the WMS's warehouse code in its events (default MAN1)
          --time-scale <x>         multiplies the retry waits (default 1; 0.001 turns 30 s into 30 ms)
          --duplicate-rate <p>     probability an acknowledged delivery is sent again (default 0)
          --reorder-ms <ms>        deliveries wait a random 0..ms first, so they arrive out of order (default 0)
          --receipts <n> --adjustments <n> --snapshots <n> --returns <n>   generate after start
          --rate <n>               events per second for the above (default: all at once, a burst)
        Tell it about orders with POST /__emulator/orders, ship them with POST /__emulator/generate {"dispatches":10}.
        """;

    public static Task<int> RunAsync(string[] args) => RunCoreAsync(args);

    private static async Task<int> RunCoreAsync(string[] args)
    {
        Settings settings;
        try
        {
            settings = Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine(Help);
            return 2;
        }
        catch (ChannelCommand.HelpRequestedException)
        {
            Console.WriteLine(Help);
            return 0;
        }

        await using var emulator = await WmsEmulator.StartAsync(settings.Options, settings.Url, settings.Warehouse, logToConsole: true).ConfigureAwait(false);
        Console.WriteLine($"WMS emulator: control {emulator.ControlAddress}__emulator/stats, /__emulator/orders, /__emulator/generate, /__emulator/faults | " +
                          $"canonical to {settings.Options.Target?.ToString() ?? "(none)"} | Mintsoft to {settings.Options.MintsoftTarget?.ToString() ?? "(none)"}");
        if (settings.Generate != new WmsGenerateRequest(RatePerSecond: settings.Generate.RatePerSecond))
            _ = Task.Run(() => emulator.GenerateAsync(settings.Generate));
        await emulator.App!.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    internal sealed record Settings(WmsDeliveryOptions Options, string Url, string Warehouse, WmsGenerateRequest Generate);

    internal static Settings Parse(string[] args)
    {
        var url = "http://127.0.0.1:5103";
        var warehouse = "MAN1";
        var options = new WmsDeliveryOptions();
        var generate = new WmsGenerateRequest();
        ChannelCommand.Parse(args, (name, value) =>
        {
            switch (name)
            {
                case "--urls": url = value(); return true;
                case "--target": options = options with { Target = Url(name, value()) }; return true;
                case "--secret": options = options with { Secret = value() }; return true;
                case "--mintsoft-target": options = options with { MintsoftTarget = Url(name, value()) }; return true;
                case "--mintsoft-secret": options = options with { MintsoftSecret = value() }; return true;
                case "--warehouse": warehouse = value(); return true;
                case "--time-scale": options = options with { TimeScale = Number(name, value(), 1e6) }; return true;
                case "--duplicate-rate": options = options with { DuplicateRate = Number(name, value(), 1) }; return true;
                case "--reorder-ms": options = options with { MaxReorderDelay = TimeSpan.FromMilliseconds(Number(name, value(), 3_600_000)) }; return true;
                case "--receipts": generate = generate with { Receipts = Count(name, value()) }; return true;
                case "--adjustments": generate = generate with { Adjustments = Count(name, value()) }; return true;
                case "--snapshots": generate = generate with { Snapshots = Count(name, value()) }; return true;
                case "--returns": generate = generate with { Returns = Count(name, value()) }; return true;
                case "--rate": generate = generate with { RatePerSecond = Number(name, value(), 10_000) }; return true;
                default: return false;
            }
        });
        if (options.Target is not null && options.Secret.Length == 0)
            throw new ArgumentException("--target needs --secret (deliveries are signed).");
        return new Settings(options, url, warehouse, generate);
    }

    private static Uri Url(string name, string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" ? uri : throw new ArgumentException($"{name} needs an absolute http(s) URL.");

    private static double Number(string name, string value, double max) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var x) && x >= 0 && x <= max
            ? x
            : throw new ArgumentException($"Option {name} needs a number from 0 to {max}.");

    private static int Count(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"Option {name} needs a whole number.");
}
