using System.Collections.Immutable;

namespace ActorSync.Domain.Documents;

/// <summary>
/// How channel concepts translate into SAP master data for orders. Loaded from configuration and validated at start.
/// </summary>
public sealed record OrderMapping
{
    /// <summary>The business partner that guest orders go to, per channel.</summary>
    public ImmutableDictionary<string, string> GuestCardCodes { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>Warehouse for lines that do not name one.</summary>
    public string DefaultWarehouse { get; init; } = "01";

    /// <summary>Channel tax rates (percent) to SAP VAT groups.</summary>
    public ImmutableDictionary<decimal, string> VatGroupsByRate { get; init; } = ImmutableDictionary<decimal, string>.Empty;

    /// <summary>Channel shipping methods to SAP ShippingTypes codes (TransportationCode).</summary>
    public ImmutableDictionary<string, int> ShippingTypes { get; init; } = ImmutableDictionary<string, int>.Empty;

    /// <summary>The additional-expense code that carries the shipping charge.</summary>
    public int FreightExpenseCode { get; init; } = 1;

    /// <summary>Days between the order date and SAP's due date (DocDueDate is mandatory on orders).</summary>
    public int DueInDays { get; init; } = 3;

    /// <summary>A mapping that fits the emulator's generated company: handy for the demo, tests and benchmarks.</summary>
    public static OrderMapping ForDemoCompany(params string[] channels) => new()
    {
        GuestCardCodes = channels.ToImmutableDictionary(c => c, c => c == "sitoo" ? "POSGUEST" : "WEBGUEST"),
        DefaultWarehouse = "01",
        VatGroupsByRate = new Dictionary<decimal, string> { [20m] = "O1", [5m] = "O2", [0m] = "O0" }.ToImmutableDictionary(),
        ShippingTypes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
            { ["standard"] = 1, ["express"] = 2, ["click-and-collect"] = 3, ["freight"] = 4 }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        FreightExpenseCode = 1,
    };
}
