using System.Globalization;
using ActorSync.Emulators.ServiceLayer.Capacity;
using ActorSync.Emulators.ServiceLayer.Company;
using Microsoft.AspNetCore.Builder;

namespace ActorSync.Emulators.ServiceLayer.Hosting;

/// <summary>
/// <c>ActorSync.Emulators sap [options]</c>: runs the Service Layer emulator until Ctrl+C.
/// </summary>
public static class ServiceLayerCommand
{
    private const string Help = """
        usage: ActorSync.Emulators sap [options]
          --urls <url>              listen address (default http://127.0.0.1:50000, https://… with --https)
          --https                   answer HTTPS with a self-signed certificate made at start, as SAP does;
                                    its SHA-256 thumbprint is printed for ServiceLayer:ServerCertificateThumbprints
          --company <db>            CompanyDB accepted by Login (default SBODEMO)
          --user <name>             UserName accepted by Login (default manager)
          --password <secret>       Password accepted by Login (default manager)
          --seed <n>                generator seed (default 42)
          --items <n>               number of items (default 200)
          --customers <n>           number of customers (default 50)
          --max-sessions <n>        cap on concurrent sessions (default 50)
          --session-timeout <min>   sliding session timeout in minutes (default 30)
          --page-size <n>           default collection page size (default 20)
          --capacity <on|off>       simulated SAP capacity model (default off)
          --workers <n>             capacity model workers (default 8)
          --time-scale <x>          capacity time scale, 0.01 = 100x faster than SAP (default 1)
          --absolute-next-links     next links as /b1s/v1/Orders?... instead of Orders?...
        """;

    public static async Task<int> RunAsync(string[] args)
    {
        ServiceLayerEmulatorOptions options;
        string url;
        try
        {
            (options, url) = Parse(args);
        }
        catch (ArgumentException error)
        {
            Console.Error.WriteLine(error.Message);
            Console.Error.WriteLine(Help);
            return 2;
        }
        catch (HelpRequestedException)
        {
            Console.WriteLine(Help);
            return 0;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        var state = new ServiceLayerEmulatorState(options);
        var app = ServiceLayerEmulator.BuildApp(state, url, logToConsole: true);
        await app.StartAsync().ConfigureAwait(false);
        var root = app.Urls.First().TrimEnd('/');
        var capacity = options.Capacity.Enabled
            ? string.Create(CultureInfo.InvariantCulture, $"on ({options.Capacity.Workers} workers, time scale {options.Capacity.TimeScale})")
            : "off";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"SAP B1 Service Layer emulator: {root}/b1s/v1/ and {root}/b1s/v2/ | CompanyDB={options.CompanyDb} UserName={options.UserName} | items={options.Company.Items} customers={options.Company.Customers} seed={options.Company.Seed} | capacity {capacity} | control {root}/__emulator/stats | ready in {started.ElapsedMilliseconds} ms"));
        if (options.ServerCertificate is { } certificate)
            Console.WriteLine($"HTTPS with a self-signed certificate made at start: SHA-256 {EmulatorCertificates.Sha256Thumbprint(certificate)} (set ServiceLayer__ServerCertificateThumbprints__0 to it)");
        await app.WaitForShutdownAsync().ConfigureAwait(false);
        return 0;
    }

    private sealed class HelpRequestedException : Exception;

    internal static (ServiceLayerEmulatorOptions Options, string Url) Parse(string[] args)
    {
        string? url = null;
        var https = false;
        string company = "SBODEMO", user = "manager", password = "manager";
        int seed = 42, items = 200, customers = 50, maxSessions = 50, pageSize = 20, workers = 8;
        var timeout = 30.0;
        var capacityOn = false;
        var timeScale = 1.0;
        var absolute = false;
        for (var i = 0; i < args.Length; i++)
        {
            string Value() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"Option {args[i]} needs a value.");
            int Int() => int.TryParse(Value(), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : throw new ArgumentException($"Option {args[i - 1]} needs a non-negative integer.");
            double Double() => double.TryParse(Value(), NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && d >= 0 ? d : throw new ArgumentException($"Option {args[i - 1]} needs a non-negative number.");
            switch (args[i])
            {
                case "--urls": url = Value(); break;
                case "--company": company = Value(); break;
                case "--user": user = Value(); break;
                case "--password": password = Value(); break;
                case "--seed": seed = Int(); break;
                case "--items": items = Int(); break;
                case "--customers": customers = Int(); break;
                case "--max-sessions": maxSessions = Int(); break;
                case "--session-timeout": timeout = Double(); break;
                case "--page-size": pageSize = Int(); break;
                case "--workers": workers = Int(); break;
                case "--time-scale": timeScale = Double(); break;
                case "--absolute-next-links": absolute = true; break;
                case "--https": https = true; break;
                case "--capacity":
                    capacityOn = Value() switch
                    {
                        "on" => true,
                        "off" => false,
                        var other => throw new ArgumentException($"--capacity takes on or off, not '{other}'."),
                    };
                    break;
                case "--help" or "-h":
                    throw new HelpRequestedException();
                default:
                    throw new ArgumentException($"Unknown option '{args[i]}'.");
            }
        }

        if (url is not null && url.StartsWith("https:", StringComparison.OrdinalIgnoreCase) != https)
            throw new ArgumentException(https ? $"--https needs an https:// address in --urls (was {url})." : $"An https:// address in --urls needs --https (was {url}).");
        var capacity = capacityOn ? CapacityOptions.Calibrated(timeScale) with { Workers = workers } : CapacityOptions.Off;
        return (new ServiceLayerEmulatorOptions
        {
            CompanyDb = company,
            UserName = user,
            Password = password,
            MaxSessions = maxSessions,
            SessionTimeout = TimeSpan.FromMinutes(timeout),
            DefaultPageSize = pageSize,
            Company = new CompanySpec { Seed = seed, Items = items, Customers = customers },
            Capacity = capacity,
            AbsoluteNextLinks = absolute,
            ServerCertificate = https ? EmulatorCertificates.SelfSigned() : null,
        }, url ?? (https ? "https://127.0.0.1:50000" : "http://127.0.0.1:50000"));
    }
}
