using System.Globalization;

namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>
/// Deterministic company generator. Every pseudo-random figure is a pure hash of (seed, item number, warehouse,
/// purpose), not a draw from a sequence, so per-item data (stock, batches, serials) can be produced lazily in
/// any order and still be identical for the same seed. That is what lets a million items generate in well
/// under a second: only the item records are built up front; item × warehouse rows come on demand.
/// </summary>
internal sealed class CompanyGenerator(CompanySpec spec)
{
    private const ulong SaltPrice = 0x1;
    private const ulong SaltStock = 0x2;
    private const ulong SaltBatchCount = 0x3;
    private const ulong SaltBatchQty = 0x4;
    private const ulong SaltExpiry = 0x5;
    private const ulong SaltAdmission = 0x6;
    private const ulong SaltSerialCount = 0x7;
    private const ulong SaltOrdered = 0x8;
    private const ulong SaltUpdateTime = 0x9;

    public CompanySpec Spec { get; } = spec;
    public int WarehouseCount => CompanyCatalog.WarehouseCodes.Count;
    private readonly int _digits = CompanyCatalog.ItemDigits(spec.Items);

    /// <summary>SplitMix64 finaliser over the combined inputs.</summary>
    internal ulong Hash(long number, int warehouse, ulong salt)
    {
        var x = unchecked((ulong)Spec.Seed * 0x9E3779B97F4A7C15UL ^ (ulong)number * 0xBF58476D1CE4E5B9UL ^ (ulong)(warehouse + 1) * 0x94D049BB133111EBUL ^ salt * 0xD6E8FEB86659FD93UL);
        x ^= x >> 30;
        x = unchecked(x * 0xBF58476D1CE4E5B9UL);
        x ^= x >> 27;
        x = unchecked(x * 0x94D049BB133111EBUL);
        x ^= x >> 31;
        return x;
    }

    private int Range(long number, int warehouse, ulong salt, int minInclusive, int maxInclusive) =>
        minInclusive + (int)(Hash(number, warehouse, salt) % (ulong)(maxInclusive - minInclusive + 1));

    public static IReadOnlyList<WarehouseRecord> Warehouses() =>
    [
        new(CompanyCatalog.MainWarehouse, "Main", true),
        new(CompanyCatalog.StoreWarehouse, "Store", true),
        new(CompanyCatalog.OutletWarehouse, "Outlet", true),
        new(CompanyCatalog.QuarantineWarehouse, "Quarantine", false),
        new(CompanyCatalog.DamagedWarehouse, "Damaged", false),
    ];

    public static IReadOnlyList<VatGroupRecord> VatGroups() =>
    [
        new(CompanyCatalog.VatStandard, "Output VAT standard 20%", 20m),
        new(CompanyCatalog.VatReduced, "Output VAT reduced 5%", 5m),
        new(CompanyCatalog.VatZero, "Output VAT zero 0%", 0m),
        new(CompanyCatalog.VatRetired, "Output VAT retired 15%", 15m, Inactive: true),
    ];

    public static IReadOnlyList<ShippingTypeRecord> ShippingTypes() =>
    [
        new(CompanyCatalog.ShippingStandard, "Standard"),
        new(CompanyCatalog.ShippingExpress, "Express"),
        new(CompanyCatalog.ShippingClickAndCollect, "Click & Collect"),
        new(CompanyCatalog.ShippingFreight, "Freight"),
    ];

    public static IReadOnlyList<AccountRecord> Accounts() =>
    [
        new(CompanyCatalog.AccountCash, "Cash", true),
        new(CompanyCatalog.AccountBank, "Bank", true),
        new(CompanyCatalog.AccountCardClearing, "Card clearing", true),
        new(CompanyCatalog.AccountPayPalClearing, "PayPal clearing", true),
        new(CompanyCatalog.AccountRevenue, "Revenue", false),
        new(CompanyCatalog.AccountWriteOff, "Write-off", false),
    ];

    /// <summary>The local currency first, then the foreign ones (see <see cref="CompanyCatalog.SeededRates"/>).</summary>
    public static IReadOnlyList<CurrencyRecord> Currencies() =>
    [
        new(CompanyCatalog.Currency, "Euro", "EUR", "Euro", "Cent", "Euro"),
        new(CompanyCatalog.Usd, "US Dollar", "USD", "US Dollar", "Cent", "US Dollar"),
        new(CompanyCatalog.Gbp, "Pound Sterling", "GBP", "Pound Sterling", "Penny", "Pound Sterling"),
        new(CompanyCatalog.Sek, "Swedish Krona", "SEK", "Swedish Krona", "Öre", "Swedish Krona"),
        new(CompanyCatalog.Chf, "Swiss Franc", "CHF", "Swiss Franc", "Rappen", "Swiss Franc"),
    ];

    /// <summary>
    /// A share of SAP's country list (OCRY; SAP ships ISO 3166 two-letter codes): the EU, the rest of Europe the shop
    /// sells to, and a few further markets. Anything else is unknown to this company.
    /// </summary>
    public static IReadOnlyList<CountryRecord> Countries() =>
    [
        new("AT", "Austria", true), new("BE", "Belgium", true), new("BG", "Bulgaria", true), new("HR", "Croatia", true),
        new("CY", "Cyprus", true), new("CZ", "Czech Republic", true), new("DK", "Denmark", true), new("EE", "Estonia", true),
        new("FI", "Finland", true), new("FR", "France", true), new("DE", "Germany", true), new("GR", "Greece", true),
        new("HU", "Hungary", true), new("IE", "Ireland", true), new("IT", "Italy", true), new("LV", "Latvia", true),
        new("LT", "Lithuania", true), new("LU", "Luxembourg", true), new("MT", "Malta", true), new("NL", "Netherlands", true),
        new("PL", "Poland", true), new("PT", "Portugal", true), new("RO", "Romania", true), new("SK", "Slovakia", true),
        new("SI", "Slovenia", true), new("ES", "Spain", true), new("SE", "Sweden", true),
        new("GB", "United Kingdom"), new("CH", "Switzerland"), new("NO", "Norway"), new("IS", "Iceland"),
        new("US", "USA"), new("CA", "Canada"), new("AU", "Australia"), new("NZ", "New Zealand"), new("JP", "Japan"),
        new("HK", "Hong Kong"), new("AE", "United Arab Emirates"),
    ];

    /// <summary>States (OCST) of the countries that need one on an address: the US (with DC), Canada and Australia.</summary>
    public static IReadOnlyList<StateRecord> States()
    {
        (string Country, string Codes)[] lists =
        [
            ("US", "AL Alabama|AK Alaska|AZ Arizona|AR Arkansas|CA California|CO Colorado|CT Connecticut|DE Delaware|DC District of Columbia|" +
                   "FL Florida|GA Georgia|HI Hawaii|ID Idaho|IL Illinois|IN Indiana|IA Iowa|KS Kansas|KY Kentucky|LA Louisiana|ME Maine|" +
                   "MD Maryland|MA Massachusetts|MI Michigan|MN Minnesota|MS Mississippi|MO Missouri|MT Montana|NE Nebraska|NV Nevada|" +
                   "NH New Hampshire|NJ New Jersey|NM New Mexico|NY New York|NC North Carolina|ND North Dakota|OH Ohio|OK Oklahoma|OR Oregon|" +
                   "PA Pennsylvania|RI Rhode Island|SC South Carolina|SD South Dakota|TN Tennessee|TX Texas|UT Utah|VT Vermont|VA Virginia|" +
                   "WA Washington|WV West Virginia|WI Wisconsin|WY Wyoming"),
            ("CA", "AB Alberta|BC British Columbia|MB Manitoba|NB New Brunswick|NL Newfoundland and Labrador|NS Nova Scotia|NT Northwest Territories|" +
                   "NU Nunavut|ON Ontario|PE Prince Edward Island|QC Quebec|SK Saskatchewan|YT Yukon"),
            ("AU", "ACT Australian Capital Territory|NSW New South Wales|NT Northern Territory|QLD Queensland|SA South Australia|TAS Tasmania|" +
                   "VIC Victoria|WA Western Australia"),
        ];
        return lists.SelectMany(l => l.Codes.Split('|').Select(entry => new StateRecord(l.Country, entry[..entry.IndexOf(' ')], entry[(entry.IndexOf(' ') + 1)..])))
            .ToList();
    }

    /// <summary>
    /// Numbered customers live in Hamburg: a bill-to and a ship-to at the same place, "Bill to" and "Ship to", the
    /// defaults. Customer n: "Jungfernstieg n", 20354 Hamburg, DE.
    /// </summary>
    public static void GiveAddresses(BusinessPartnerRecord partner, int n)
    {
        var place = new AddressRecord($"Jungfernstieg {n.ToString(CultureInfo.InvariantCulture)}", null, "Hamburg", "20354", null, "DE");
        partner.AddressList = [new("Bill to", PartnerAddressRecord.BillTo, place, 0), new("Ship to", PartnerAddressRecord.ShipTo, place, 1)];
        partner.BillToDefault = "Bill to";
        partner.ShipToDefault = "Ship to";
    }

    public static IReadOnlyList<ExpenseTypeRecord> ExpenseTypes() =>
    [
        new(CompanyCatalog.ExpenseFreight, "Freight", CompanyCatalog.VatStandard),
        new(CompanyCatalog.ExpenseInsurance, "Insurance", CompanyCatalog.VatZero),
    ];

    private DateTime MasterStamp(long number) =>
        Spec.BaseDate.ToDateTime(new TimeOnly(8, 0)).AddSeconds(Hash(number, 0, SaltUpdateTime) % 36000);

    public ItemRecord[] GenerateItems()
    {
        var items = new ItemRecord[Spec.Items];
        for (var i = 0; i < items.Length; i++)
        {
            var number = i + 1;
            var code = string.Create(CompanyCatalog.ItemPrefix.Length + _digits, number, static (span, n) =>
            {
                span.Fill('0');
                CompanyCatalog.ItemPrefix.AsSpan().CopyTo(span);
                var digits = span[CompanyCatalog.ItemPrefix.Length..];
                for (var p = digits.Length - 1; p >= 0 && n > 0; p--)
                {
                    digits[p] = (char)('0' + n % 10);
                    n /= 10;
                }
            });
            var price = Range(number, 0, SaltPrice, 100, 19999) / 100m;
            items[i] = new ItemRecord(i, number, code, CompanyCatalog.KindOf(number), price, CompanyCatalog.SalesVatGroupOf(number), MasterStamp(number))
            {
                BarCode = Ean13(number),
            };
        }

        return items;
    }

    /// <summary>A deterministic EAN-13 in the 200–299 (in-store) range with a valid check digit.</summary>
    private static string Ean13(int number)
    {
        Span<char> digits = stackalloc char[13];
        var body = "20" + number.ToString("D10", CultureInfo.InvariantCulture);
        body.AsSpan(0, 12).CopyTo(digits);
        var sum = 0;
        for (var i = 0; i < 12; i++)
        {
            sum += (digits[i] - '0') * (i % 2 == 0 ? 1 : 3);
        }

        digits[12] = (char)('0' + (10 - sum % 10) % 10);
        return new string(digits);
    }

    public List<BusinessPartnerRecord> GenerateBusinessPartners()
    {
        var partners = new List<BusinessPartnerRecord>(Spec.Customers + 4);
        for (var n = 1; n <= Spec.Customers; n++)
        {
            var code = CompanyCatalog.CustomerCode(n, Spec.Customers);
            var customer = new BusinessPartnerRecord(code, "Customer " + n.ToString(CultureInfo.InvariantCulture), "cCustomer", MasterStamp(-n))
            {
                EmailAddress = "customer" + n.ToString(CultureInfo.InvariantCulture) + "@example.com",
                Phone1 = "+44 20 7946 " + (n % 10000).ToString("D4", CultureInfo.InvariantCulture),
            };
            GiveAddresses(customer, n);
            partners.Add(customer);
        }

        var stamp = Spec.BaseDate.ToDateTime(new TimeOnly(8, 0));
        // The web shop sells abroad, so its guest partner takes every currency (##); the till's guest is local only.
        partners.Add(new BusinessPartnerRecord(CompanyCatalog.WebGuest, "Web shop guest customer", "cCustomer", stamp)
        {
            EmailAddress = "webguest@example.com", Currency = CompanyCatalog.AllCurrencies,
        });
        partners.Add(new BusinessPartnerRecord(CompanyCatalog.PosGuest, "POS walk-in customer", "cCustomer", stamp));
        partners.Add(new BusinessPartnerRecord(CompanyCatalog.InactiveCustomer, "Inactive customer", "cCustomer", stamp) { Valid = false, EmailAddress = "inactive@example.com" });
        partners.Add(new BusinessPartnerRecord(CompanyCatalog.Supplier, "Main supplier", "cSupplier", stamp) { EmailAddress = "supplier@example.com" });
        return partners;
    }

    /// <summary>
    /// Initial stock of an item in a warehouse. Plain/inactive/frozen items: 0–500 in 01/02/03, 0–10 in QC,
    /// 0–5 in DMG. Batch and serial items: the sum of their generated lots. Every 7th item has 10–50 ordered
    /// from vendors in 01. Nothing is committed (the company starts without open orders).
    /// </summary>
    public StockLevel InitialStock(ItemRecord item, int warehouse)
    {
        decimal inStock;
        switch (item.Kind)
        {
            case ItemKind.BatchManaged:
            {
                var lots = GenerateLots(item);
                inStock = lots.Batches.Sum(b => b.Quantities[warehouse]);
                break;
            }

            case ItemKind.SerialManaged:
            {
                var lots = GenerateLots(item);
                inStock = lots.Serials.Count(s => s.Warehouse == warehouse);
                break;
            }

            default:
                inStock = warehouse switch
                {
                    0 or 1 or 2 => Range(item.Number, warehouse, SaltStock, 0, 500),
                    3 => Range(item.Number, warehouse, SaltStock, 0, 10),
                    _ => Range(item.Number, warehouse, SaltStock, 0, 5),
                };
                break;
        }

        var ordered = warehouse == 0 && item.Number % 7 == 0 ? Range(item.Number, warehouse, SaltOrdered, 10, 50) : 0;
        return new StockLevel(inStock, 0m, ordered);
    }

    /// <summary>
    /// Batches and serials of a batch/serial item. Batch items: 1–3 batches in each of 01/02/03, 1–100 units
    /// each, expiring 30–730 days after <see cref="CompanySpec.BatchExpiryBase"/> (one batch of every other batch item
    /// expired, see <see cref="CompanyCatalog.HasExpiredBatch"/>), admitted up to 180 days before the base date;
    /// numbers "B{n}-{warehouse}-{k}". Serial items: 1–5 serials in 01 and 0–5 in 02 and 03, numbered
    /// "SN{n}-{warehouse}-{k:000}". Absolute entries are derived from the item number so they are stable.
    /// </summary>
    public ItemLots GenerateLots(ItemRecord item)
    {
        var lots = new ItemLots();
        var digits = item.ItemCode[CompanyCatalog.ItemPrefix.Length..];
        if (item.Kind == ItemKind.BatchManaged)
        {
            var ordinal = (item.Number - 3) / 20;
            var slot = 0;
            for (var w = 0; w < 3; w++)
            {
                var count = Range(item.Number, w, SaltBatchCount, 1, 3);
                for (var k = 1; k <= count; k++, slot++)
                {
                    var quantities = new decimal[WarehouseCount];
                    quantities[w] = Range(item.Number * 10 + k, w, SaltBatchQty, 1, 100);
                    lots.Batches.Add(new BatchLot
                    {
                        AbsEntry = ordinal * 16 + slot + 1,
                        SystemNumber = slot + 1,
                        BatchNumber = "B" + digits + "-" + CompanyCatalog.WarehouseCodes[w] + "-" + k.ToString(CultureInfo.InvariantCulture),
                        ExpiryDate = w == 0 && k == 1 && CompanyCatalog.HasExpiredBatch(item.Number)
                            ? Spec.BaseDate.AddDays(-Range(item.Number * 10 + k, w, SaltExpiry, 30, 180))
                            : Spec.BatchExpiryBase.AddDays(Range(item.Number * 10 + k, w, SaltExpiry, 30, 730)),
                        AdmissionDate = Spec.BaseDate.AddDays(-Range(item.Number * 10 + k, w, SaltAdmission, 0, 180)),
                        Quantities = quantities,
                    });
                }
            }
        }
        else if (item.Kind == ItemKind.SerialManaged)
        {
            var ordinal = (item.Number - 6) / 20;
            var slot = 0;
            for (var w = 0; w < 3; w++)
            {
                var count = w == 0 ? Range(item.Number, w, SaltSerialCount, 1, 5) : Range(item.Number, w, SaltSerialCount, 0, 5);
                for (var k = 1; k <= count; k++, slot++)
                {
                    lots.Serials.Add(new SerialUnit
                    {
                        AbsEntry = ordinal * 16 + slot + 1,
                        SystemNumber = slot + 1,
                        SerialNumber = "SN" + digits + "-" + CompanyCatalog.WarehouseCodes[w] + "-" + k.ToString("D3", CultureInfo.InvariantCulture),
                        AdmissionDate = Spec.BaseDate.AddDays(-Range(item.Number * 10 + k, w, SaltAdmission, 0, 180)),
                        Warehouse = w,
                    });
                }
            }
        }

        lots.NextSystemNumber = Math.Max(lots.Batches.Count, lots.Serials.Count) + 1;
        return lots;
    }

    /// <summary>First absolute entry for batches/serials created at run time (above every generated one).</summary>
    public int FirstRuntimeAbsEntry => (Spec.Items / 20 + 2) * 16 + 1;
}

/// <summary>Batches and serial units of one item.</summary>
internal sealed class ItemLots
{
    public List<BatchLot> Batches { get; } = [];
    public List<SerialUnit> Serials { get; } = [];
    public int NextSystemNumber { get; set; } = 1;
}

internal sealed class BatchLot
{
    public int AbsEntry { get; init; }
    public int SystemNumber { get; init; }
    public required string BatchNumber { get; init; }
    public DateOnly? ExpiryDate { get; init; }
    public DateOnly AdmissionDate { get; init; }
    public DateOnly? ManufacturingDate { get; init; }

    /// <summary>Quantity per warehouse index (same order as <see cref="CompanyCatalog.WarehouseCodes"/>).</summary>
    public required decimal[] Quantities { get; init; }
}

internal sealed class SerialUnit
{
    public int AbsEntry { get; init; }
    public int SystemNumber { get; init; }
    public required string SerialNumber { get; init; }
    public DateOnly AdmissionDate { get; init; }

    /// <summary>Warehouse index holding the unit, or −1 once it has left stock.</summary>
    public int Warehouse { get; set; } = -1;
}
