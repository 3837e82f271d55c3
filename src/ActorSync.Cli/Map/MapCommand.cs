using System.Globalization;
using ActorSync.Channels;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Cli.Map;

/// <summary>
/// <c>actorsync map &lt;magento|bigcommerce|sitoo|wms&gt; &lt;payload.json&gt; [options]</c>: the dry run for people.
/// Prints, as indented JSON on stdout, the SAP document(s) a channel payload would become (entity set and body),
/// what the engine would fetch for id-only payloads, or the exceptions it would raise, without touching SAP.
/// Exit 0: documents or plans and no exceptions; 3: exceptions printed; 2: usage or unreadable input (stderr).
/// </summary>
public sealed class MapCommand : ICliCommand
{
    public string Name => "map";

    public string Summary => "Dry run: the SAP documents (or exceptions) a channel payload would become.";

    public int Run(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Any(a => a is "-h" or "--help"))
        {
            WriteUsage(stdout);
            return ExitCodes.Ok;
        }

        Options options;
        try
        {
            options = Options.Parse(args);
        }
        catch (MapInputException ex)
        {
            stderr.WriteLine($"actorsync map: {ex.Message}");
            WriteUsage(stderr);
            return ExitCodes.Usage;
        }

        try
        {
            var report = Map(options);
            stdout.WriteLine(report.ToJson());
            return report.ExceptionCount > 0 ? ExitCodes.Exceptions : ExitCodes.Ok;
        }
        catch (MapInputException ex)
        {
            stderr.WriteLine($"actorsync map: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (ChannelPayloadException ex)
        {
            stderr.WriteLine($"actorsync map: {options.PayloadPath}: {ex.Message}");
            return ExitCodes.Usage;
        }
        catch (MappingValidationException ex)
        {
            stderr.WriteLine($"actorsync map: {ex.Message}");
            return ExitCodes.Usage;
        }
    }

    public static MapReport Map(Options options)
    {
        if (!File.Exists(options.PayloadPath))
            throw new MapInputException($"Payload file '{options.PayloadPath}' does not exist.");
        var json = File.ReadAllText(options.PayloadPath);
        var (settings, mappingDescription) = MappingFile.Load(options.MappingPath);
        var snapshot = options.MasterDataPath is null ? null : MasterDataFile.Load(options.MasterDataPath);
        var report = new MapReport
        {
            Channel = options.Channel,
            Payload = options.PayloadPath,
            Mapping = mappingDescription,
            MasterData = snapshot is null
                ? "skipped: no --master-data given, so items, business partners, VAT groups (and their rates), shipping types, warehouses, G/L accounts, stock, batches and serials were not checked"
                : $"checked against {options.MasterDataPath} (as of {snapshot.AsOf:yyyy-MM-dd})",
        };
        if (snapshot is not null)
        {
            var check = MappingMasterDataCheck.Check(settings, snapshot);
            if (check.Errors.Count > 0)
                throw new MapInputException($"The mapping does not fit the master data:{Environment.NewLine}  {string.Join(Environment.NewLine + "  ", check.Errors)}");
            report.MappingWarnings.AddRange(check.Warnings);
        }

        var context = new MapContext(settings.ToOrderMapping(), snapshot, options.Window, options.ProductsPath, options.ShippingAddressesPath, options.OrderId);
        ChannelMaps.Run(options.Channel, json, report, context);
        return report;
    }

    private static void WriteUsage(TextWriter writer)
    {
        writer.WriteLine("Usage: actorsync map <magento|bigcommerce|sitoo|wms> <payload.json> [options]");
        writer.WriteLine();
        writer.WriteLine("Prints, as JSON, the SAP documents the payload would become, what the engine would fetch first,");
        writer.WriteLine("or the exceptions it would raise. Nothing is sent anywhere.");
        writer.WriteLine();
        writer.WriteLine("Options:");
        writer.WriteLine("  --mapping <file.json>             the Mapping section to use (default: built-in config/mapping.example.json)");
        writer.WriteLine("  --master-data <file.json>         SAP master data to check against (default: checks skipped, and said so)");
        writer.WriteLine("  --window <15m|1h|00:15:00>        coalescing window for warehouse movements (default 15m)");
        writer.WriteLine("  --products <file.json>            bigcommerce: the order's products, for an order header, shipment or refunds");
        writer.WriteLine("  --shipping-addresses <file.json>  bigcommerce: the order's shipping addresses, with --products");
        writer.WriteLine("  --order <increment_id>            magento: the order a shipment or credit memo belongs to");
        writer.WriteLine();
        writer.WriteLine("Exit codes: 0 documents or plans printed, 3 exceptions printed, 2 usage or input error.");
    }

    /// <summary>The parsed command line.</summary>
    public sealed record Options(
        string Channel,
        string PayloadPath,
        string? MappingPath,
        string? MasterDataPath,
        TimeSpan Window,
        string? ProductsPath,
        string? ShippingAddressesPath,
        string? OrderId)
    {
        public static Options Parse(IReadOnlyList<string> args)
        {
            var positional = new List<string>();
            var named = new Dictionary<string, string>(StringComparer.Ordinal);
            var known = new[] { "--mapping", "--master-data", "--window", "--products", "--shipping-addresses", "--order" };
            for (var i = 0; i < args.Count; i++)
            {
                var arg = args[i];
                if (arg.StartsWith("--", StringComparison.Ordinal))
                {
                    var (name, value) = arg.Contains('=') ? (arg[..arg.IndexOf('=')], arg[(arg.IndexOf('=') + 1)..]) : (arg, null);
                    if (!known.Contains(name))
                        throw new MapInputException($"unknown option '{name}'.");
                    if (value is null)
                    {
                        if (i + 1 >= args.Count)
                            throw new MapInputException($"option '{name}' needs a value.");
                        value = args[++i];
                    }

                    if (!named.TryAdd(name, value))
                        throw new MapInputException($"option '{name}' given twice.");
                }
                else
                {
                    positional.Add(arg);
                }
            }

            if (positional.Count != 2)
                throw new MapInputException(positional.Count < 2 ? "expected a channel and a payload file." : $"unexpected argument '{positional[2]}'.");
            var channel = positional[0].ToLowerInvariant();
            if (!ChannelMaps.Channels.Contains(channel))
                throw new MapInputException($"unknown channel '{positional[0]}'; expected one of {string.Join(", ", ChannelMaps.Channels)}.");
            var window = named.TryGetValue("--window", out var w) ? ParseWindow(w) : WarehouseDocumentCoalescer.DefaultWindow;
            return new Options(channel, positional[1], named.GetValueOrDefault("--mapping"), named.GetValueOrDefault("--master-data"), window,
                named.GetValueOrDefault("--products"), named.GetValueOrDefault("--shipping-addresses"), named.GetValueOrDefault("--order"));
        }

        private static TimeSpan ParseWindow(string text)
        {
            var unit = text.Length > 1 ? text[^1] : ' ';
            if (unit is 's' or 'm' or 'h' && int.TryParse(text[..^1], NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0)
                return unit switch { 's' => TimeSpan.FromSeconds(n), 'm' => TimeSpan.FromMinutes(n), _ => TimeSpan.FromHours(n) };
            if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero)
                return span;
            throw new MapInputException($"--window must be a positive duration like 15m, 1h or 00:15:00, was '{text}'.");
        }
    }
}
