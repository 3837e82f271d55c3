using System.Globalization;

namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>What kind of item the generator made; decided by the item number alone (see <see cref="CompanyCatalog.KindOf"/>).</summary>
public enum ItemKind
{
    /// <summary>Active, not batch/serial managed. Stock 0–500 in 01/02/03.</summary>
    Plain,
    /// <summary>Active, <c>ManageBatchNumbers=tYES</c>; 1–3 batches in each of 01/02/03.</summary>
    BatchManaged,
    /// <summary>Active, <c>ManageSerialNumbers=tYES</c>; 1–5 serials in 01, 0–5 in 02/03.</summary>
    SerialManaged,
    /// <summary><c>Valid=tNO</c>: documents using it fail with -10 "10001069 - Item X is inactive".</summary>
    Inactive,
    /// <summary><c>Frozen=tYES</c>: rejected like an inactive item.</summary>
    Frozen,
}

/// <summary>
/// The fixed master data every generated company has. Tests of the engine rely on these codes, so they never
/// depend on the seed. Only stock quantities, prices, batches and serials depend on the seed.
/// </summary>
public static class CompanyCatalog
{
    /// <summary>The company's local currency (and its system currency: the emulated company keeps both the same).</summary>
    public const string Currency = "EUR";

    /// <summary>A business partner's <c>Currency</c> for "all currencies": documents in any currency SAP knows.</summary>
    public const string AllCurrencies = "##";

    // Currencies (OCRN). USD, GBP and SEK have a rate for every day from CompanySpec.BaseDate to RatesUntil; CHF is
    // defined but never rated, so a document in CHF shows SAP's "no rate" refusal until a rate is set.
    public const string Usd = "USD";
    public const string Gbp = "GBP";
    public const string Sek = "SEK";
    public const string Chf = "CHF";

    /// <summary>The last day the seeded rates cover.</summary>
    public static readonly DateOnly RatesUntil = new(2040, 12, 31);

    /// <summary>
    /// The seeded daily rates, as SAP stores them with direct quotation (the default): units of the local currency
    /// per one unit of the foreign one. Example figures, not market rates.
    /// </summary>
    public static IReadOnlyDictionary<string, decimal> SeededRates { get; } = new Dictionary<string, decimal>(StringComparer.Ordinal)
    {
        [Usd] = 0.9231m,
        [Gbp] = 1.1834m,
        [Sek] = 0.0874m,
    };

    // Warehouses. Every item has an ItemWarehouseInfoCollection row for each of them.
    public const string MainWarehouse = "01";
    public const string StoreWarehouse = "02";
    public const string OutletWarehouse = "03";
    public const string QuarantineWarehouse = "QC";
    public const string DamagedWarehouse = "DMG";
    public static IReadOnlyList<string> WarehouseCodes { get; } = [MainWarehouse, StoreWarehouse, OutletWarehouse, QuarantineWarehouse, DamagedWarehouse];

    /// <summary>Warehouses stock may be sold from (<c>Nettable=tYES</c>). SAP itself does not block sales from the others.</summary>
    public static IReadOnlyList<string> SellableWarehouses { get; } = [MainWarehouse, StoreWarehouse, OutletWarehouse];

    // VAT groups (VatGroups, output tax).
    public const string VatStandard = "O1";   // 20 %
    public const string VatReduced = "O2";    // 5 %
    public const string VatZero = "O0";       // 0 %
    /// <summary>A VAT group no longer in use (<c>Inactive=tYES</c>): rows using it fail with -10 "10000180 - Specify valid tax code".</summary>
    public const string VatRetired = "O9";    // 15 %, inactive

    // Shipping types (ShippingTypes.Code = documents' TransportationCode).
    public const int ShippingStandard = 1;
    public const int ShippingExpress = 2;
    public const int ShippingClickAndCollect = 3;
    public const int ShippingFreight = 4;

    // G/L accounts (ChartOfAccounts) that payments and service rows may use.
    public const string AccountBank = "161000";
    public const string AccountCardClearing = "161010";
    public const string AccountPayPalClearing = "161020";
    public const string AccountCash = "100000";
    public const string AccountWriteOff = "500000";
    public const string AccountRevenue = "400000";

    // Additional expenses (DocumentAdditionalExpenses.ExpenseCode).
    public const int ExpenseFreight = 1;
    public const int ExpenseInsurance = 2;

    // Price lists.
    public const int PriceListRetail = 1;
    public const int PriceListWholesale = 2;

    // Business partners beyond the numbered customers C00001…
    public const string WebGuest = "WEBGUEST";
    public const string PosGuest = "POSGUEST";
    /// <summary>A customer with <c>Valid=tNO</c>: documents for it fail with -10 "10001071 - Customer X is inactive".</summary>
    public const string InactiveCustomer = "CINACTIVE";
    /// <summary>A supplier (<c>CardType=cSupplier</c>); sales documents for it are rejected.</summary>
    public const string Supplier = "V00001";

    public const string ItemPrefix = "ITM";
    public const string CustomerPrefix = "C";

    /// <summary>Digits used for item numbers: at least 5, more when the count needs them (ITM00001, ITM0000001 for a million).</summary>
    public static int ItemDigits(int itemCount) => Math.Max(5, itemCount.ToString(CultureInfo.InvariantCulture).Length);

    public static string ItemCode(int number, int itemCount) =>
        ItemPrefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(ItemDigits(itemCount), '0');

    public static string CustomerCode(int number, int customerCount) =>
        CustomerPrefix + number.ToString(CultureInfo.InvariantCulture).PadLeft(Math.Max(5, customerCount.ToString(CultureInfo.InvariantCulture).Length), '0');

    /// <summary>
    /// The kind of item number <paramref name="number"/> (1-based), by its remainder modulo 20:
    /// 3 batch-managed, 6 serial-managed, 9 inactive, 12 frozen, anything else plain (80 %).
    /// So ITM00003 is the first batch item, ITM00006 the first serial item, ITM00009 the first inactive and
    /// ITM00012 the first frozen one. Prefer the <see cref="CompanyData"/> helpers over hard-coded codes.
    /// </summary>
    public static ItemKind KindOf(int number) => (number % 20) switch
    {
        3 => ItemKind.BatchManaged,
        6 => ItemKind.SerialManaged,
        9 => ItemKind.Inactive,
        12 => ItemKind.Frozen,
        _ => ItemKind.Plain,
    };

    /// <summary>
    /// Every other batch item (number mod 40 = 23: ITM00023, ITM00063, …) has its first batch in warehouse 01 already
    /// expired (30–180 days before <see cref="CompanySpec.BaseDate"/>), so FEFO allocation can be tested against it.
    /// </summary>
    public static bool HasExpiredBatch(int number) => number % 40 == 23;

    /// <summary>The sales VAT group of item number <paramref name="number"/>: every 25th item O0, else every 10th (ending in 5) O2, else O1.</summary>
    public static string SalesVatGroupOf(int number) =>
        number % 25 == 0 ? VatZero : number % 10 == 5 ? VatReduced : VatStandard;
}
