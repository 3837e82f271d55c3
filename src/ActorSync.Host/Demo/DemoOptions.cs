using System.Globalization;

namespace ActorSync.Host.Demo;

/// <summary>
/// <c>actorsync demo</c>'s options. <paramref name="Orders"/> is the total across the channels (the channel demo) or
/// the burst pushed straight into the engine (<c>--direct</c>).
/// </summary>
public sealed record DemoOptions(int Orders, int Items, double TimeScale, int Sessions, string DataFolder, bool Direct)
{
    /// <summary>What the channel demo does by default: about a minute and a half on two cores.</summary>
    public const int ChannelOrders = 600;

    /// <summary>The straight-into-the-engine burst's default, as before the channels existed.</summary>
    public const int DirectOrders = 3000;

    public const string Usage =
        "actorsync demo [--orders N] [--items N] [--time-scale X] [--sessions N] [--data FOLDER] [--direct]";

    private const string Known = "--orders N, --items N, --time-scale X, --sessions N, --data FOLDER, --direct";

    /// <summary>Throws <see cref="ArgumentException"/> naming the option that is wrong and what it takes.</summary>
    public static DemoOptions Parse(IReadOnlyList<string> args)
    {
        int? orders = null;
        var options = new DemoOptions(0, Items: 2000, TimeScale: 0.02, Sessions: 4, DataFolder: "data/demo", Direct: false);
        for (var i = 0; i < args.Count; i++)
        {
            var name = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new ArgumentException($"Option {name} needs a value.");
            switch (name)
            {
                case "--orders": orders = PositiveInt(name, Value()); break;
                case "--items": options = options with { Items = PositiveInt(name, Value()) }; break;
                case "--time-scale": options = options with { TimeScale = TimeScaleOf(Value()) }; break;
                case "--sessions": options = options with { Sessions = PositiveInt(name, Value()) }; break;
                case "--data": options = options with { DataFolder = Value() }; break;
                case "--direct": options = options with { Direct = true }; break;
                default: throw new ArgumentException($"Unknown option '{name}'. Options: {Known}.");
            }
        }
        // The generators sell the company's plain items; a company too small has too few to make a believable peak.
        if (options.Items < 20) throw new ArgumentException($"--items takes at least 20 (was {options.Items}): the orders sell the company's plain items.");
        return options with { Orders = orders ?? (options.Direct ? DirectOrders : ChannelOrders) };
    }

    private static int PositiveInt(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n : throw new ArgumentException($"{name} takes a positive whole number (was '{value}').");

    private static double TimeScaleOf(string value) =>
        double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var t) && t >= 0 && double.IsFinite(t)
            ? t : throw new ArgumentException($"--time-scale takes a number >= 0 (1 = SAP's published document costs; was '{value}').");
}
