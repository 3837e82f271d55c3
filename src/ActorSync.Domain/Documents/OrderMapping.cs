using System.Collections.Immutable;
using ActorSync.Domain.Mapping;

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

    /// <summary>Line warehouse per channel when an order names no location (falls back to <see cref="DefaultWarehouse"/>).</summary>
    public ImmutableDictionary<string, string> ChannelWarehouses { get; init; } =
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per channel, per channel location: line warehouse, sellable warehouses, safety buffer.</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, ChannelLocation>> Locations { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, ChannelLocation>>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per channel, the SAP price list it sells from and whether it stores prices gross or net (<c>Mapping:Channels:&lt;channel&gt;:Catalogue</c>).</summary>
    public ImmutableDictionary<string, Catalogue.ChannelCatalogue> Catalogues { get; init; } =
        ImmutableDictionary<string, Catalogue.ChannelCatalogue>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>How each channel's customers are matched to business partners (channels not listed: by email).</summary>
    public ImmutableDictionary<string, CustomerMatchRule> CustomerMatching { get; init; } =
        ImmutableDictionary<string, CustomerMatchRule>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Channel payment method names (Magento <c>payment.method</c>, BigCommerce <c>payment_method</c>, Sitoo payment <c>name</c>) to G/L accounts.</summary>
    public ImmutableDictionary<string, PaymentAccount> PaymentAccounts { get; init; } =
        ImmutableDictionary<string, PaymentAccount>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Per channel, its own payment methods (<c>Mapping:Channels:&lt;channel&gt;:PaymentMethods</c>), looked at before <see cref="PaymentAccounts"/>.</summary>
    public ImmutableDictionary<string, ImmutableDictionary<string, PaymentAccount>> ChannelPaymentAccounts { get; init; } =
        ImmutableDictionary<string, ImmutableDictionary<string, PaymentAccount>>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>Where money captured at checkout sits in SAP until its invoice posts: the PSP's clearing account (default) or an A/R down payment.</summary>
    public CapturedBeforeInvoice CapturedBeforeInvoice { get; init; } = CapturedBeforeInvoice.Clearing;

    /// <summary>Where returned goods go back to stock when the return names no location of its own.</summary>
    public string ReturnsToStockWarehouse { get; init; } = "01";

    /// <summary>Where returned goods that cannot be sold again are booked (a non-nettable warehouse).</summary>
    public string WriteOffWarehouse { get; init; } = "DMG";

    /// <summary>Return reason codes that mean "write off" rather than "back to stock".</summary>
    public ImmutableHashSet<string> WriteOffReasonCodes { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.OrdinalIgnoreCase);

    /// <summary>Which batches stock-moving documents draw from.</summary>
    public BatchAllocationStrategy BatchAllocation { get; init; } = BatchAllocationStrategy.Fefo;

    /// <summary>Rounding tolerated per document row (channels.md §5.4: ±0.01 per line) before totals count as not reconciling.</summary>
    public decimal TotalsTolerancePerLine { get; init; } = 0.01m;

    /// <summary>Channels whose registered customers unknown to SAP get a new business partner instead of an exception.</summary>
    public ImmutableHashSet<string> CreateMissingCustomers { get; init; } = ImmutableHashSet<string>.Empty.WithComparer(StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The G/L account a shipping-only refund is credited to. SAP has no credit note without rows and shipping is no
    /// item, so such a refund becomes a service-type credit note with one row on this account. Null: such refunds park for finance.
    /// </summary>
    public string? ShippingRefundAccount { get; init; }

    /// <summary>A mapping that fits the emulator's generated company: handy for the demo, tests and benchmarks.</summary>

    public static OrderMapping ForDemoCompany(params string[] channels) => new()
    {
        GuestCardCodes = channels.ToImmutableDictionary(c => c, c => c == "sitoo" ? "POSGUEST" : "WEBGUEST"),
        DefaultWarehouse = "01",
        VatGroupsByRate = new Dictionary<decimal, string> { [20m] = "O1", [5m] = "O2", [0m] = "O0" }.ToImmutableDictionary(),
        ShippingTypes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase)
            { ["standard"] = 1, ["express"] = 2, ["click-and-collect"] = 3, ["freight"] = 4 }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        FreightExpenseCode = 1,
        ShippingRefundAccount = "400000",
    };
}
