using System.Collections.Immutable;

namespace ActorSync.Domain.Validation;

/// <summary>
/// What SAP's master data looked like when a document was checked: enough to predict SAP's own rejections
/// (unknown or inactive item, partner, VAT group, shipping type, warehouse, G/L account; batch and serial selection;
/// negative stock) before anything is posted. Built by the engine from Service Layer reads, or loaded from a file by
/// the dry run. Codes compare ordinally, as SAP stores them; partner emails compare case-insensitively.
/// </summary>
public sealed record MasterDataSnapshot
{
    /// <summary>The day the snapshot describes; batches expiring before it are expired.</summary>
    public DateOnly AsOf { get; init; }

    public ImmutableDictionary<string, ItemMasterData> Items { get; init; } = ImmutableDictionary<string, ItemMasterData>.Empty;

    public ImmutableDictionary<string, BusinessPartnerMasterData> BusinessPartners { get; init; } =
        ImmutableDictionary<string, BusinessPartnerMasterData>.Empty;

    public ImmutableDictionary<string, VatGroupMasterData> VatGroups { get; init; } = ImmutableDictionary<string, VatGroupMasterData>.Empty;

    /// <summary>ShippingTypes code to name.</summary>
    public ImmutableDictionary<int, string> ShippingTypes { get; init; } = ImmutableDictionary<int, string>.Empty;

    public ImmutableDictionary<string, WarehouseMasterData> Warehouses { get; init; } = ImmutableDictionary<string, WarehouseMasterData>.Empty;

    /// <summary>G/L account codes payments may post to.</summary>
    public ImmutableHashSet<string> GlAccounts { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// The company's local currency (<c>SBOBobService_GetLocalCurrency</c>). Null when unknown (an older master-data
    /// file): then an order's currency is not checked here but always sent as <c>DocCurrency</c>, so SAP checks it
    /// and a foreign order can never be booked as local (see <see cref="DocumentCurrency"/>).
    /// </summary>
    public string? LocalCurrency { get; init; }

    /// <summary>The currency codes SAP defines (<c>Currencies</c>), the local one included.</summary>
    public ImmutableHashSet<string> Currencies { get; init; } = ImmutableHashSet<string>.Empty;

    /// <summary>
    /// SAP's country codes (<c>Countries</c>, OCRY) with their names. Empty when unknown (a master-data file from before
    /// addresses): then countries and states are not checked here and SAP checks them.
    /// </summary>
    public ImmutableDictionary<string, string> Countries { get; init; } = ImmutableDictionary<string, string>.Empty;

    /// <summary>SAP's states (<c>States</c>, OCST): a country with states listed here needs one on every address.</summary>
    public ImmutableList<StateMasterData> States { get; init; } = [];

    /// <summary>The states SAP lists for <paramref name="country"/>; empty when it lists none.</summary>
    public IEnumerable<StateMasterData> StatesOf(string country) => States.Where(s => string.Equals(s.Country, country, StringComparison.Ordinal));

    /// <summary>The customer with this email, if exactly one active or inactive customer has it.</summary>
    public BusinessPartnerMasterData? FindCustomerByEmail(string email) =>
        BusinessPartners.Values
            .Where(bp => bp.IsCustomer && string.Equals(bp.EmailAddress, email, StringComparison.OrdinalIgnoreCase))
            .OrderBy(bp => bp.Active ? 0 : 1).ThenBy(bp => bp.CardCode, StringComparer.Ordinal)
            .FirstOrDefault();

    /// <summary>The customer that records <paramref name="customerId"/> as its id in <paramref name="channel"/>.</summary>
    public BusinessPartnerMasterData? FindCustomerByChannelId(string channel, string customerId) =>
        BusinessPartners.Values
            .Where(bp => bp.IsCustomer && bp.ChannelCustomerIds.TryGetValue(channel, out var id) && id == customerId)
            .OrderBy(bp => bp.Active ? 0 : 1).ThenBy(bp => bp.CardCode, StringComparer.Ordinal)
            .FirstOrDefault();
}

/// <summary>An item: <c>Valid</c>/<c>Frozen</c>, <c>ManageBatchNumbers</c>/<c>ManageSerialNumbers</c> and stock per warehouse.</summary>
public sealed record ItemMasterData(string ItemCode, bool Active = true, bool Frozen = false, bool BatchManaged = false, bool SerialManaged = false)
{
    public ImmutableDictionary<string, WarehouseStock> Stock { get; init; } = ImmutableDictionary<string, WarehouseStock>.Empty;

    public WarehouseStock StockIn(string warehouse) => Stock.GetValueOrDefault(warehouse) ?? WarehouseStock.None;
}

/// <summary>An item's figures in one warehouse (ItemWarehouseInfoCollection) with its batches and serials there.</summary>
public sealed record WarehouseStock(decimal InStock, decimal Committed = 0m)
{
    public static WarehouseStock None { get; } = new(0m);

    public ImmutableList<BatchStock> Batches { get; init; } = [];

    public ImmutableList<SerialStock> Serials { get; init; } = [];
}

/// <summary>A batch's quantity in one warehouse; <c>ExpDate</c> and <c>InDate</c> (admission) drive FEFO and FIFO.</summary>
public sealed record BatchStock(string BatchNumber, decimal Quantity, DateOnly? ExpiryDate = null, DateOnly? AdmissionDate = null);

/// <summary>A serial number in stock in one warehouse.</summary>
public sealed record SerialStock(string SerialNumber, DateOnly? AdmissionDate = null, DateOnly? ExpiryDate = null);

/// <summary>
/// A business partner. <see cref="ChannelCustomerIds"/> stands for the UDFs real companies keep channel ids in.
/// <see cref="Currency"/> is SAP's BP currency: a code, <see cref="AllCurrencies"/> (<c>##</c>), or null when unknown.
/// </summary>
public sealed record BusinessPartnerMasterData(string CardCode, bool Active = true, string? EmailAddress = null, bool IsCustomer = true,
    string? Currency = null)
{
    /// <summary>SAP's BP currency "all currencies".</summary>
    public const string AllCurrencies = "##";

    public ImmutableDictionary<string, string> ChannelCustomerIds { get; init; } =
        ImmutableDictionary<string, string>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase);

    /// <summary>The partner's bill-to and ship-to addresses (<c>BPAddresses</c>): a document names a matching one by code.</summary>
    public ImmutableList<Documents.SapPartnerAddress> Addresses { get; init; } = [];
}

/// <summary>A state or region of a country (<c>States</c>: <c>Country</c>, <c>Code</c> of up to 3 characters, <c>Name</c>).</summary>
public sealed record StateMasterData(string Country, string Code, string Name);

/// <summary>An output VAT group and its rate in percent.</summary>
public sealed record VatGroupMasterData(string Code, decimal Rate, bool Active = true);

/// <summary>A warehouse; <see cref="Nettable"/> is SAP's "sellable" flag.</summary>
public sealed record WarehouseMasterData(string Code, bool Active = true, bool Nettable = true);
