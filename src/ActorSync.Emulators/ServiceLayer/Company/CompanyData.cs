namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>
/// The emulated company database: master data, stock and documents. Public members are read-only views for
/// test assertions and take the company's read lock; the emulator changes data only inside a
/// <see cref="UnitOfWork"/> under the write lock.
/// </summary>
public sealed class CompanyData
{
    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.NoRecursion);
    private readonly CompanyGenerator _generator;
    private ItemRecord[] _items = [];
    private readonly Dictionary<string, ItemRecord> _itemsByCode = new(StringComparer.Ordinal);
    private readonly List<BusinessPartnerRecord> _partners = [];
    private readonly List<CountryRecord> _countries = [];
    private readonly Dictionary<string, BusinessPartnerRecord> _partnersByCode = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DocumentStore> _stores = new(StringComparer.Ordinal);

    /// <summary>Rates set through SBOBobService_SetCurrencyRate (ORTT rows), over the seeded ones.</summary>
    private readonly Dictionary<(string Currency, DateOnly Date), decimal> _rates = new();

    public CompanyData(CompanySpec? spec = null)
    {
        Spec = spec ?? new CompanySpec();
        if (Spec.Items < 0 || Spec.Customers < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(spec), "Item and customer counts must not be negative.");
        }

        _generator = new CompanyGenerator(Spec);
        Stock = new StockLedger(_generator);
        Warehouses = CompanyGenerator.Warehouses();
        VatGroups = CompanyGenerator.VatGroups();
        ShippingTypes = CompanyGenerator.ShippingTypes();
        Accounts = CompanyGenerator.Accounts();
        ExpenseTypes = CompanyGenerator.ExpenseTypes();
        Currencies = CompanyGenerator.Currencies();
        States = CompanyGenerator.States();
        foreach (var set in DocumentSets.All)
        {
            _stores[set.Name] = new DocumentStore(set);
        }

        Generate();
    }

    public CompanySpec Spec { get; }
    public IReadOnlyList<WarehouseRecord> Warehouses { get; }
    public IReadOnlyList<VatGroupRecord> VatGroups { get; }
    public IReadOnlyList<ShippingTypeRecord> ShippingTypes { get; }
    public IReadOnlyList<AccountRecord> Accounts { get; }
    public IReadOnlyList<ExpenseTypeRecord> ExpenseTypes { get; }
    public IReadOnlyList<CurrencyRecord> Currencies { get; }
    /// <summary>SAP's countries: the generated ones and any a client added (<c>POST Countries</c>).</summary>
    public IReadOnlyList<CountryRecord> Countries => Guarded(() => _countries.ToList());
    public IReadOnlyList<StateRecord> States { get; }

    /// <summary>The company's local currency (OADM MainCurncy); also its system currency.</summary>
    public string LocalCurrency => CompanyCatalog.Currency;

    /// <summary>All items in code order. The records are live; their stock is read through <see cref="GetStock"/>.</summary>
    public IReadOnlyList<ItemRecord> Items => _items;
    /// <summary>A snapshot of the business partners (the list grows when clients create partners).</summary>
    public IReadOnlyList<BusinessPartnerRecord> BusinessPartners => Guarded(() => _partners.ToList());

    internal StockLedger Stock { get; }

    /// <summary>
    /// When true a stock movement also moves the item's UpdateDate/UpdateTime. Off by default, as in SAP: a document
    /// moving stock updates the warehouse rows (OITW), not the item (integrators report "items changed since" misses
    /// stock changes); the stock audit view is the way to find them.
    /// </summary>
    internal bool StockMovesItemStamp { get; set; }

    private void Generate()
    {
        _items = _generator.GenerateItems();
        _itemsByCode.Clear();
        _itemsByCode.EnsureCapacity(_items.Length);
        foreach (var item in _items)
        {
            _itemsByCode[item.ItemCode] = item;
        }

        _partners.Clear();
        _partnersByCode.Clear();
        foreach (var partner in _generator.GenerateBusinessPartners())
        {
            _partners.Add(partner);
            _partnersByCode[partner.CardCode] = partner;
        }

        _countries.Clear();
        _countries.AddRange(CompanyGenerator.Countries());
        _rates.Clear();
        Stock.Clear();
        foreach (var store in _stores.Values)
        {
            store.Clear();
        }
    }

    /// <summary>Back to the generated state: same items, partners and stock as after construction, no documents.</summary>
    internal void ResetToGenerated() => Write(Generate);

    // ---- locking -------------------------------------------------------------------------------------------

    /// <summary>
    /// Runs <paramref name="read"/> under the read lock unless this thread already holds the company lock (the
    /// emulator's own code), so public lookups are safe from test threads and cheap inside the engine.
    /// </summary>
    private T Guarded<T>(Func<T> read) => _lock.IsReadLockHeld || _lock.IsWriteLockHeld ? read() : Read(read);

    internal T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    internal void Write(Action write)
    {
        _lock.EnterWriteLock();
        try
        {
            write();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    internal T Write<T>(Func<T> write)
    {
        _lock.EnterWriteLock();
        try
        {
            return write();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    // ---- lookups (no locking: master data lookups are only structural) ----------------------------------------

    public ItemRecord? FindItem(string? itemCode) =>
        itemCode is null ? null : Guarded(() => _itemsByCode.GetValueOrDefault(itemCode));

    public BusinessPartnerRecord? FindBusinessPartner(string? cardCode) =>
        cardCode is null ? null : Guarded(() => _partnersByCode.GetValueOrDefault(cardCode));

    public static int WarehouseIndex(string? warehouseCode)
    {
        var codes = CompanyCatalog.WarehouseCodes;
        for (var i = 0; i < codes.Count; i++)
        {
            if (string.Equals(codes[i], warehouseCode, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    public CountryRecord? FindCountry(string? code) => Guarded(() => _countries.Find(c => string.Equals(c.Code, code, StringComparison.Ordinal)));

    /// <summary>A country an administrator adds (Administration › Setup › General › Countries); a rollback takes it out.</summary>
    internal void AddCountry(CountryRecord country, UnitOfWork uow)
    {
        _countries.Add(country);
        uow.OnRollback(() => _countries.Remove(country));
    }

    public StateRecord? FindState(string? country, string? code) =>
        States.FirstOrDefault(s => string.Equals(s.Country, country, StringComparison.Ordinal) && string.Equals(s.Code, code, StringComparison.Ordinal));

    public CurrencyRecord? FindCurrency(string? code) => Currencies.FirstOrDefault(c => string.Equals(c.Code, code, StringComparison.Ordinal));

    /// <summary>
    /// The exchange rate of <paramref name="currency"/> on <paramref name="date"/> (local units per foreign unit): 1 for
    /// the local currency, a rate set for that day, else the seeded daily rate; null when SAP has none for that day.
    /// </summary>
    public decimal? FindRate(string currency, DateOnly date)
    {
        if (string.Equals(currency, LocalCurrency, StringComparison.Ordinal))
        {
            return 1m;
        }

        return Guarded(() => _rates.TryGetValue((currency, date), out var set)
            ? set
            : CompanyCatalog.SeededRates.TryGetValue(currency, out var seeded) && date >= Spec.BaseDate && date <= CompanyCatalog.RatesUntil
                ? seeded
                : (decimal?)null);
    }

    /// <summary>Sets a day's rate (caller holds the write lock). Rates are not part of a changeset, so no rollback.</summary>
    internal void SetRate(string currency, DateOnly date, decimal rate) => _rates[(currency, date)] = rate;

    public VatGroupRecord? FindVatGroup(string? code) => VatGroups.FirstOrDefault(v => string.Equals(v.Code, code, StringComparison.Ordinal));
    public ShippingTypeRecord? FindShippingType(int code) => ShippingTypes.FirstOrDefault(s => s.Code == code);
    public AccountRecord? FindAccount(string? code) => Accounts.FirstOrDefault(a => string.Equals(a.Code, code, StringComparison.Ordinal));
    public ExpenseTypeRecord? FindExpenseType(int code) => ExpenseTypes.FirstOrDefault(e => e.ExpensCode == code);

    internal DocumentStore Store(string entitySet) => _stores[entitySet];
    internal IEnumerable<DocumentStore> Stores => _stores.Values;

    internal void AddBusinessPartner(BusinessPartnerRecord partner, UnitOfWork uow)
    {
        _partners.Add(partner);
        _partnersByCode[partner.CardCode] = partner;
        uow.OnRollback(() =>
        {
            _partners.Remove(partner);
            _partnersByCode.Remove(partner.CardCode);
        });
    }

    /// <summary>DI's <c>Remove</c> of a partner; a rollback puts it back in its place.</summary>
    internal void RemoveBusinessPartner(BusinessPartnerRecord partner, UnitOfWork uow)
    {
        var index = _partners.IndexOf(partner);
        _partners.RemoveAt(index);
        _partnersByCode.Remove(partner.CardCode);
        uow.OnRollback(() =>
        {
            _partners.Insert(index, partner);
            _partnersByCode[partner.CardCode] = partner;
        });
    }

    /// <summary>
    /// DI's <c>Remove</c> of an item. The list is copied without it (removals are rare); its stock rows stay keyed by
    /// <see cref="ItemRecord.Index"/> and are simply no longer reachable.
    /// </summary>
    internal void RemoveItem(ItemRecord item, UnitOfWork uow)
    {
        var before = _items;
        _items = Array.FindAll(before, i => !ReferenceEquals(i, item));
        _itemsByCode.Remove(item.ItemCode);
        uow.OnRollback(() =>
        {
            _items = before;
            _itemsByCode[item.ItemCode] = item;
        });
    }

    /// <summary>Whether any stored document of any set satisfies <paramref name="names"/> (caller holds a lock).</summary>
    internal bool AnyDocument(Func<DocumentBase, bool> names) => _stores.Values.Any(store => store.All.Any(names));

    // ---- test helpers: which codes are which ------------------------------------------------------------------

    /// <summary>The first <paramref name="count"/> items of a kind, in code order.</summary>
    public IReadOnlyList<ItemRecord> FirstItems(ItemKind kind, int count) =>
        Guarded(() => _items.Where(i => i.Kind == kind).Take(count).ToList());

    /// <summary>The first <paramref name="count"/> plain, active items (not batch/serial managed).</summary>
    public IReadOnlyList<ItemRecord> FirstPlainActiveItems(int count) => Guarded(() =>
        _items.Where(i => i.Kind == ItemKind.Plain && i.IsActive).Take(count).ToList());

    /// <summary>The first plain active items holding at least <paramref name="minimumInStock"/> in a warehouse.</summary>
    public IReadOnlyList<ItemRecord> FirstPlainActiveItemsWithStock(int count, decimal minimumInStock, string warehouseCode = CompanyCatalog.MainWarehouse)
    {
        var warehouse = RequireWarehouse(warehouseCode);
        return Guarded(() => _items
            .Where(i => i.Kind == ItemKind.Plain && i.IsActive && Stock.Get(i, warehouse).InStock >= minimumInStock)
            .Take(count).ToList());
    }

    /// <summary>The numbered, active customers C00001… in code order (not the guests or the inactive one).</summary>
    public IReadOnlyList<string> Customers => Guarded(() => _partners
        .Where(p => p.CardType == "cCustomer" && p.IsActive && p.CardCode.Length > 1 &&
                    p.CardCode.StartsWith(CompanyCatalog.CustomerPrefix, StringComparison.Ordinal) && p.CardCode[1..].All(char.IsAsciiDigit))
        .Select(p => p.CardCode).ToList());

    // ---- stock ------------------------------------------------------------------------------------------------

    public StockLevel GetStock(string itemCode, string warehouseCode)
    {
        var item = FindItem(itemCode) ?? throw new ArgumentException($"Unknown item '{itemCode}'.", nameof(itemCode));
        var warehouse = RequireWarehouse(warehouseCode);
        return Guarded(() => Stock.Get(item, warehouse));
    }

    /// <summary>
    /// People moving stock in SAP outside the Service Layer (counts, adjustments in the client; the stock-storm
    /// benchmark's burst): each move changes an item's <c>InStock</c> in a warehouse by its delta, never below zero,
    /// and writes its stock audit row as a goods receipt or issue would; the item's UpdateDate does not move, as in SAP.
    /// One transaction for all of them. Returns the deltas applied (a fall is cut at what the warehouse holds).
    /// </summary>
    public IReadOnlyList<decimal> MoveStock(IReadOnlyList<(string ItemCode, string WarehouseCode, decimal Delta)> moves) => Write(() =>
    {
        var uow = new UnitOfWork(DateTime.UtcNow);
        var applied = new decimal[moves.Count];
        for (var i = 0; i < moves.Count; i++)
        {
            var (code, warehouseCode, delta) = moves[i];
            var item = _itemsByCode.GetValueOrDefault(code) ?? throw new ArgumentException($"Unknown item '{code}'.", nameof(moves));
            var warehouse = RequireWarehouse(warehouseCode);
            applied[i] = Math.Max(delta, -Stock.Get(item, warehouse).InStock);
            Stock.Adjust(item, warehouse, applied[i], 0m, 0m, uow);
        }

        return (IReadOnlyList<decimal>)applied;
    });

    /// <summary>Batches of an item with a positive quantity in the warehouse, earliest expiry first.</summary>
    public IReadOnlyList<BatchStock> GetBatches(string itemCode, string warehouseCode)
    {
        var item = FindItem(itemCode) ?? throw new ArgumentException($"Unknown item '{itemCode}'.", nameof(itemCode));
        var warehouse = RequireWarehouse(warehouseCode);
        return Guarded(() => Stock.ReadLots(item).Batches
            .Where(b => b.Quantities[warehouse] > 0)
            .OrderBy(b => b.ExpiryDate ?? DateOnly.MaxValue).ThenBy(b => b.BatchNumber, StringComparer.Ordinal)
            .Select(b => new BatchStock(item.ItemCode, warehouseCode, b.BatchNumber, b.Quantities[warehouse], b.ExpiryDate, b.AdmissionDate, b.AbsEntry))
            .ToList());
    }

    /// <summary>Serial numbers of an item currently in the warehouse.</summary>
    public IReadOnlyList<string> GetSerials(string itemCode, string warehouseCode)
    {
        var item = FindItem(itemCode) ?? throw new ArgumentException($"Unknown item '{itemCode}'.", nameof(itemCode));
        var warehouse = RequireWarehouse(warehouseCode);
        return Guarded(() => Stock.ReadLots(item).Serials.Where(s => s.Warehouse == warehouse).Select(s => s.SerialNumber).ToList());
    }

    private static int RequireWarehouse(string warehouseCode)
    {
        var index = WarehouseIndex(warehouseCode);
        return index >= 0 ? index : throw new ArgumentException($"Unknown warehouse '{warehouseCode}'.", nameof(warehouseCode));
    }

    // ---- documents (snapshots) --------------------------------------------------------------------------------

    /// <summary>Copies of all documents of a set, by DocEntry.</summary>
    public IReadOnlyList<DocumentBase> Documents(string entitySet) =>
        Guarded(() => Store(entitySet).All.Select(d => d.DeepClone()).ToList());

    public DocumentBase? GetDocument(string entitySet, int docEntry) => Guarded(() => Store(entitySet).Find(docEntry)?.DeepClone());

    public int DocumentCount(string entitySet) => Guarded(() => Store(entitySet).Count);

    public IReadOnlyList<MarketingDocument> Orders => Marketing(DocumentSets.Orders);
    public IReadOnlyList<MarketingDocument> DeliveryNotes => Marketing(DocumentSets.DeliveryNotes);
    public IReadOnlyList<MarketingDocument> Invoices => Marketing(DocumentSets.Invoices);
    public IReadOnlyList<MarketingDocument> CreditNotes => Marketing(DocumentSets.CreditNotes);
    public IReadOnlyList<MarketingDocument> DownPayments => Marketing(DocumentSets.DownPayments);
    public IReadOnlyList<MarketingDocument> InventoryGenEntries => Marketing(DocumentSets.InventoryGenEntries);
    public IReadOnlyList<MarketingDocument> InventoryGenExits => Marketing(DocumentSets.InventoryGenExits);
    public IReadOnlyList<StockTransferDocument> StockTransfers => Documents(DocumentSets.StockTransfers).Cast<StockTransferDocument>().ToList();
    public IReadOnlyList<PaymentDocument> IncomingPayments => Documents(DocumentSets.IncomingPayments).Cast<PaymentDocument>().ToList();
    public IReadOnlyList<PaymentDocument> VendorPayments => Documents(DocumentSets.VendorPayments).Cast<PaymentDocument>().ToList();

    private List<MarketingDocument> Marketing(string set) => Documents(set).Cast<MarketingDocument>().ToList();
}
