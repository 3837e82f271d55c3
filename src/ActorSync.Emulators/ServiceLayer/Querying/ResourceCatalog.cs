using System.Globalization;
using ActorSync.Emulators.ServiceLayer.Company;
using ActorSync.Emulators.ServiceLayer.Protocol;

namespace ActorSync.Emulators.ServiceLayer.Querying;

/// <summary>
/// Every readable resource: entity sets with SAP's field names (reference §8, metadata) and two exposed SQL views
/// under <c>view.svc</c> for batch and serial stock per warehouse. SL has no entity for batch quantities per
/// warehouse (OBTQ); integrators expose a view (reference §8, option 4), so the emulator offers
/// <c>view.svc/BatchStockB1SLQuery</c> with OBTQ/OBTN column names.
/// </summary>
internal sealed class ResourceCatalog
{
    private readonly CompanyData _company;
    private readonly Dictionary<string, IQueryableResource> _sets = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IQueryableResource> _views = new(StringComparer.Ordinal);
    private readonly EntityDefinition<DocumentLine> _documentLine;
    private readonly EntityDefinition<MarketingDocument> _document;
    private readonly EntityDefinition<StockTransferDocument> _transfer;
    private readonly EntityDefinition<PaymentDocument> _payment;
    private readonly EntityDefinition<BusinessPartnerRecord> _partner;
    private readonly EntityDefinition<ItemRecord> _item;

    public const string BatchStockView = "BatchStockB1SLQuery";
    public const string SerialStockView = "SerialStockB1SLQuery";
    public const string StockAuditView = "StockAuditB1SLQuery";

    public ResourceCatalog(CompanyData company)
    {
        _company = company;
        _item = ItemDefinition();
        _partner = PartnerDefinition();
        _documentLine = DocumentLineDefinition();
        _document = DocumentDefinition();
        _transfer = TransferDefinition();
        _payment = PaymentDefinition();

        Add(new EntitySetResource<ItemRecord>("Items", _item, () => company.Items,
            key => EntitySetResource<ItemRecord>.StringKey(key) is { } code ? company.FindItem(code) : null, sortedKey: "ItemCode"));
        Add(new EntitySetResource<BusinessPartnerRecord>("BusinessPartners", _partner, () => company.BusinessPartners,
            key => EntitySetResource<BusinessPartnerRecord>.StringKey(key) is { } code ? company.FindBusinessPartner(code) : null));
        Add(new EntitySetResource<WarehouseRecord>("Warehouses", WarehouseDefinition(), () => company.Warehouses,
            key => company.Warehouses.FirstOrDefault(w => w.WarehouseCode == EntitySetResource<WarehouseRecord>.StringKey(key))));
        Add(new EntitySetResource<VatGroupRecord>("VatGroups", VatGroupDefinition(), () => company.VatGroups,
            key => company.FindVatGroup(EntitySetResource<VatGroupRecord>.StringKey(key))));
        Add(new EntitySetResource<ShippingTypeRecord>("ShippingTypes", ShippingTypeDefinition(), () => company.ShippingTypes,
            key => EntitySetResource<ShippingTypeRecord>.IntKey(key) is { } code ? company.FindShippingType(code) : null));
        Add(new EntitySetResource<AccountRecord>("ChartOfAccounts", AccountDefinition(), () => company.Accounts,
            key => company.FindAccount(EntitySetResource<AccountRecord>.StringKey(key))));
        Add(new EntitySetResource<ExpenseTypeRecord>("AdditionalExpenses", ExpenseTypeDefinition(), () => company.ExpenseTypes,
            key => EntitySetResource<ExpenseTypeRecord>.IntKey(key) is { } code ? company.FindExpenseType(code) : null));
        Add(new EntitySetResource<CurrencyRecord>("Currencies", CurrencyDefinition(), () => company.Currencies,
            key => company.FindCurrency(EntitySetResource<CurrencyRecord>.StringKey(key))));
        Add(new EntitySetResource<CountryRecord>("Countries", CountryDefinition(), () => company.Countries,
            key => company.FindCountry(EntitySetResource<CountryRecord>.StringKey(key))));
        Add(new EntitySetResource<StateRecord>("States", StateDefinition(), () => company.States, _ => null));
        Add(new EntitySetResource<BatchRow>("BatchNumberDetails", BatchDetailDefinition(), AllBatches,
            key => EntitySetResource<BatchRow>.IntKey(key) is { } entry ? AllBatches().FirstOrDefault(b => b.Lot.AbsEntry == entry) : null));
        Add(new EntitySetResource<SerialRow>("SerialNumberDetails", SerialDetailDefinition(), AllSerials,
            key => EntitySetResource<SerialRow>.IntKey(key) is { } entry ? AllSerials().FirstOrDefault(s => s.Unit.AbsEntry == entry) : null));

        foreach (var set in DocumentSets.All)
        {
            var store = set.Name;
            IQueryableResource resource = set.Kind switch
            {
                DocumentSetKind.Marketing => DocumentResource(store, _document),
                DocumentSetKind.StockTransfer => DocumentResource(store, _transfer),
                _ => DocumentResource(store, _payment),
            };
            Add(resource);
        }

        _views[BatchStockView] = new EntitySetResource<BatchStockRow>(BatchStockView, BatchStockViewDefinition(), BatchStockRows,
            key => EntitySetResource<BatchStockRow>.IntKey(key) is { } id ? BatchStockRows().FirstOrDefault(r => r.Id == id) : null,
            "view.svc/" + BatchStockView);
        _views[SerialStockView] = new EntitySetResource<SerialStockRow>(SerialStockView, SerialStockViewDefinition(), SerialStockRows,
            key => EntitySetResource<SerialStockRow>.IntKey(key) is { } id ? SerialStockRows().FirstOrDefault(r => r.Id == id) : null,
            "view.svc/" + SerialStockView);
        _views[StockAuditView] = new EntitySetResource<StockAuditRow>(StockAuditView, StockAuditViewDefinition(), () => _company.Stock.Audit,
            key => EntitySetResource<StockAuditRow>.IntKey(key) is { } id && id >= 1 && id <= _company.Stock.Audit.Count ? _company.Stock.Audit[id - 1] : null,
            "view.svc/" + StockAuditView, sortedKey: "TransNum");
    }

    private EntitySetResource<TDoc> DocumentResource<TDoc>(string set, EntityDefinition<TDoc> definition) where TDoc : DocumentBase =>
        new(set, definition,
            () => new CastList<TDoc>(_company.Store(set).All),
            key => EntitySetResource<TDoc>.IntKey(key) is { } entry ? _company.Store(set).Find(entry) as TDoc : null);

    private void Add(IQueryableResource resource) => _sets[resource.Name] = resource;

    public IQueryableResource? FindSet(string name) => _sets.GetValueOrDefault(name);
    public IQueryableResource? FindView(string name) => _views.GetValueOrDefault(name);

    /// <summary>Serialises a written entity for a 201 answer (caller holds a lock).</summary>
    public byte[] Serialize(string set, object entity, ODataVersion version, string serviceRoot) => entity switch
    {
        MarketingDocument doc => ((EntitySetResource<MarketingDocument>)_sets[set]).SerializeEntity(doc, version, serviceRoot),
        StockTransferDocument doc => ((EntitySetResource<StockTransferDocument>)_sets[set]).SerializeEntity(doc, version, serviceRoot),
        PaymentDocument doc => ((EntitySetResource<PaymentDocument>)_sets[set]).SerializeEntity(doc, version, serviceRoot),
        BusinessPartnerRecord partner => ((EntitySetResource<BusinessPartnerRecord>)_sets[set]).SerializeEntity(partner, version, serviceRoot),
        ItemRecord item => ((EntitySetResource<ItemRecord>)_sets[set]).SerializeEntity(item, version, serviceRoot),
        CountryRecord country => ((EntitySetResource<CountryRecord>)_sets[set]).SerializeEntity(country, version, serviceRoot),
        _ => throw new ArgumentException($"Cannot serialise {entity.GetType()}.", nameof(entity)),
    };

    /// <summary>The key segment SAP puts in Location headers: Orders(5), Items('A1').</summary>
    public static string KeySegment(object entity) => entity switch
    {
        DocumentBase doc => doc.DocEntry.ToString(CultureInfo.InvariantCulture),
        BusinessPartnerRecord partner => Quote(partner.CardCode),
        ItemRecord item => Quote(item.ItemCode),
        CountryRecord country => Quote(country.Code),
        _ => throw new ArgumentException($"No key for {entity.GetType()}.", nameof(entity)),
    };

    private static string Quote(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";

    // ---- definitions ----------------------------------------------------------------------------------------

    private static DateOnly DateOf(DateTime stamp) => DateOnly.FromDateTime(stamp);

    /// <summary>Service rows keep "" for the item and warehouse they do not have; SAP answers those as null.</summary>
    private static string? NullIfEmpty(string text) => text.Length == 0 ? null : text;
    private static TimeOnly TimeOf(DateTime stamp) => TimeOnly.FromDateTime(stamp);

    private EntityDefinition<ItemRecord> ItemDefinition()
    {
        var price = new EntityDefinition<(ItemRecord Item, int List)>("ItemPrice")
            .Int("PriceList", p => p.List)
            .Number("Price", p => p.Item.PriceFor(p.List))
            .String("Currency", _ => CompanyCatalog.Currency)
            .Int("BasePriceList", p => p.List)
            .Number("Factor", _ => 1m);
        var warehouseInfo = new EntityDefinition<(ItemRecord Item, int Warehouse, StockLevel Level)>("ItemWarehouseInfo")
            .Number("MinimalStock", _ => 0m)
            .Number("MaximalStock", _ => 0m)
            .YesNo("Locked", _ => false)
            .String("WarehouseCode", w => CompanyCatalog.WarehouseCodes[w.Warehouse])
            .Number("InStock", w => w.Level.InStock)
            .Number("Committed", w => w.Level.Committed)
            .Number("Ordered", w => w.Level.Ordered)
            .String("ItemCode", w => w.Item.ItemCode);

        return new EntityDefinition<ItemRecord>("Item")
            .String("ItemCode", i => i.ItemCode)
            .String("ItemName", i => i.ItemName)
            .Int("ItemsGroupCode", _ => 100)
            .String("SalesVATGroup", i => i.SalesVatGroup)
            .String("BarCode", i => i.BarCode)
            .YesNo("VatLiable", _ => true)
            .YesNo("PurchaseItem", _ => true)
            .YesNo("SalesItem", _ => true)
            .YesNo("InventoryItem", _ => true)
            .Number("QuantityOnStock", i => Sum(i, l => l.InStock))
            .Number("QuantityOrderedFromVendors", i => Sum(i, l => l.Ordered))
            .Number("QuantityOrderedByCustomers", i => Sum(i, l => l.Committed))
            .YesNo("ManageSerialNumbers", i => i.ManageSerialNumbers)
            .YesNo("ManageBatchNumbers", i => i.ManageBatchNumbers)
            .YesNo("Valid", i => i.Valid)
            .Date("ValidFrom", i => i.ValidFrom)
            .Date("ValidTo", i => i.ValidTo)
            .YesNo("Frozen", i => i.Frozen)
            .Date("FrozenFrom", i => i.FrozenFrom)
            .Date("FrozenTo", i => i.FrozenTo)
            .String("DefaultWarehouse", i => i.DefaultWarehouse)
            .YesNo("ManageStockByWarehouse", _ => true)
            .Date("UpdateDate", i => DateOf(i.UpdateStamp))
            .Time("UpdateTime", i => TimeOf(i.UpdateStamp))
            .Date("CreateDate", i => DateOf(i.CreateStamp))
            .Time("CreateTime", i => TimeOf(i.CreateStamp))
            .Collection("ItemPrices", (w, i) => w.Array("ItemPrices",
                [(i, CompanyCatalog.PriceListRetail), (i, CompanyCatalog.PriceListWholesale)], price))
            .Collection("ItemWarehouseInfoCollection", (w, i) => w.Array("ItemWarehouseInfoCollection",
                Enumerable.Range(0, CompanyCatalog.WarehouseCodes.Count).Select(x => (i, x, _company.Stock.Get(i, x))), warehouseInfo));
    }

    private decimal Sum(ItemRecord item, Func<StockLevel, decimal> pick)
    {
        var total = 0m;
        for (var w = 0; w < CompanyCatalog.WarehouseCodes.Count; w++)
        {
            total += pick(_company.Stock.Get(item, w));
        }

        return total;
    }

    private static EntityDefinition<BusinessPartnerRecord> PartnerDefinition() =>
        new EntityDefinition<BusinessPartnerRecord>("BusinessPartner") { Extras = p => p.Extras }
            .String("CardCode", p => p.CardCode)
            .String("CardName", p => p.CardName)
            .Enum("CardType", EnumMap.CardType, p => p.CardType)
            .Int("GroupCode", p => p.GroupCode)
            .String("Phone1", p => p.Phone1)
            .Int("PriceListNum", p => p.PriceListNum)
            .String("Currency", p => p.Currency)
            .String("EmailAddress", p => p.EmailAddress)
            .YesNo("Valid", p => p.Valid)
            .YesNo("Frozen", p => p.Frozen)
            .String("ShipToDefault", p => p.ShipToDefault)
            .String("BilltoDefault", p => p.BillToDefault)
            .Date("UpdateDate", p => DateOf(p.UpdateStamp))
            .Time("UpdateTime", p => TimeOf(p.UpdateStamp))
            .Date("CreateDate", p => DateOf(p.CreateStamp))
            .Time("CreateTime", p => TimeOf(p.CreateStamp))
            .Collection("BPAddresses", (w, p) => w.Array("BPAddresses", p.Addresses.Select(a => (Partner: p, Address: a)), PartnerAddress));

    private static readonly EntityDefinition<(BusinessPartnerRecord Partner, PartnerAddressRecord Address)> PartnerAddress =
        new EntityDefinition<(BusinessPartnerRecord Partner, PartnerAddressRecord Address)>("BPAddress")
            .String("AddressName", a => a.Address.AddressName)
            .String("Street", a => a.Address.Place.Street)
            .String("Block", a => a.Address.Place.Block)
            .String("ZipCode", a => a.Address.Place.ZipCode)
            .String("City", a => a.Address.Place.City)
            .String("Country", a => a.Address.Place.Country)
            .String("State", a => a.Address.Place.State)
            .Enum("AddressType", new EnumMap("BoAddressType", ("bo_ShipTo", "S"), ("bo_BillTo", "B")), a => a.Address.AddressType)
            .String("BPCode", a => a.Partner.CardCode)
            .Int("RowNum", a => a.Address.RowNum);

    private static EntityDefinition<WarehouseRecord> WarehouseDefinition() =>
        new EntityDefinition<WarehouseRecord>("Warehouse")
            .String("WarehouseCode", w => w.WarehouseCode)
            .String("WarehouseName", w => w.WarehouseName)
            .YesNo("Nettable", w => w.Nettable)
            .YesNo("DropShip", _ => false)
            .YesNo("EnableBinLocations", _ => false)
            .YesNo("Inactive", w => w.Inactive);

    private static EntityDefinition<VatGroupRecord> VatGroupDefinition()
    {
        var line = new EntityDefinition<VatGroupRecord>("VatGroups_Line")
            .Date("Effectivefrom", _ => new DateOnly(2020, 1, 1))
            .Number("Rate", v => v.Rate)
            .Number("EqualizationTax", _ => 0m);
        return new EntityDefinition<VatGroupRecord>("VatGroup")
            .String("Code", v => v.Code)
            .String("Name", v => v.Name)
            .Enum("Category", EnumMap.VatCategory, _ => "bovcOutputTax")
            .YesNo("Inactive", v => v.Inactive)
            .Collection("VatGroups_Lines", (w, v) => w.Array("VatGroups_Lines", [v], line));
    }

    private static EntityDefinition<ShippingTypeRecord> ShippingTypeDefinition() =>
        new EntityDefinition<ShippingTypeRecord>("ShippingType")
            .Int("Code", s => s.Code)
            .String("Name", s => s.Name)
            .String("Website", s => s.Website);

    private static EntityDefinition<AccountRecord> AccountDefinition() =>
        new EntityDefinition<AccountRecord>("ChartOfAccount")
            .String("Code", a => a.Code)
            .String("Name", a => a.Name)
            .YesNo("CashAccount", a => a.CashAccount)
            .YesNo("ActiveAccount", a => a.ActiveAccount)
            .String("AcctCurrency", _ => CompanyCatalog.Currency)
            .YesNo("ValidFor", _ => true)
            .YesNo("FrozenFor", _ => false);

    private static readonly EnumMap CurrencyDecimals = new("CurrenciesDecimalsEnum",
        ("cd1Digit", "1"), ("cd2Digits", "2"), ("cd3Digits", "3"), ("cd4Digits", "4"), ("cd5Digits", "5"), ("cd6Digits", "6"),
        ("cdDefault", "-1"), ("cdWithoutDecimals", "0"));

    private static readonly EnumMap RoundingSys = new("RoundingSysEnum",
        ("rsNoRounding", "0"), ("rsRoundToFiveHundredth", "4"), ("rsRoundToOne", "2"), ("rsRoundToTen", "3"), ("rsRoundToTenHundredth", "1"));

    private static EntityDefinition<CurrencyRecord> CurrencyDefinition() =>
        new EntityDefinition<CurrencyRecord>("Currency")
            .String("Code", c => c.Code)
            .String("Name", c => c.Name)
            .String("DocumentsCode", c => c.DocumentsCode)
            .String("InternationalDescription", c => c.InternationalDescription)
            .String("HundredthName", c => c.HundredthName)
            .String("EnglishName", c => c.EnglishName)
            .String("EnglishHundredthName", c => c.HundredthName)
            .Enum("Decimals", CurrencyDecimals, c => c.Decimals)
            .Enum("Rounding", RoundingSys, c => c.Rounding)
            .YesNo("RoundingInPayment", _ => false);

    private static EntityDefinition<CountryRecord> CountryDefinition() =>
        new EntityDefinition<CountryRecord>("Country")
            .String("Code", c => c.Code)
            .String("Name", c => c.Name)
            .YesNo("EU", c => c.Eu)
            .YesNo("Blacklisted", _ => false);

    /// <summary>States are keyed by country and code together (<c>States(Country='US',Code='TX')</c>); the emulator serves them as a list.</summary>
    private static EntityDefinition<StateRecord> StateDefinition() =>
        new EntityDefinition<StateRecord>("State")
            .String("Code", s => s.Code)
            .String("Country", s => s.Country)
            .String("Name", s => s.Name)
            .YesNo("IsUnionTerritory", _ => false);

    private static EntityDefinition<AddressRecord?> AddressExtensionDefinition() =>
        new EntityDefinition<AddressRecord?>("AddressExtension")
            .String("ShipToStreet", a => a?.Street)
            .String("ShipToBlock", a => a?.Block)
            .String("ShipToCity", a => a?.City)
            .String("ShipToZipCode", a => a?.ZipCode)
            .String("ShipToState", a => a?.State)
            .String("ShipToCountry", a => a?.Country);

    private static EntityDefinition<AddressRecord?> BillToDefinition() =>
        new EntityDefinition<AddressRecord?>("AddressExtension")
            .String("BillToStreet", a => a?.Street)
            .String("BillToBlock", a => a?.Block)
            .String("BillToCity", a => a?.City)
            .String("BillToZipCode", a => a?.ZipCode)
            .String("BillToState", a => a?.State)
            .String("BillToCountry", a => a?.Country);

    private static readonly EntityDefinition<AddressRecord?> ShipToFields = AddressExtensionDefinition();
    private static readonly EntityDefinition<AddressRecord?> BillToFields = BillToDefinition();

    /// <summary><c>AddressExtension</c>: the ship-to fields, then the bill-to fields, as one object.</summary>
    private static void WriteAddressExtension(EntityJsonWriter w, MarketingDocument d)
    {
        w.Json.WriteStartObject("AddressExtension");
        w.Nested(() =>
        {
            ShipToFields.Write(w, d.ShipTo);
            BillToFields.Write(w, d.BillTo);
        });
        w.Json.WriteEndObject();
    }

    private static EntityDefinition<ExpenseTypeRecord> ExpenseTypeDefinition() =>
        new EntityDefinition<ExpenseTypeRecord>("AdditionalExpense")
            .Int("ExpensCode", e => e.ExpensCode)
            .String("Name", e => e.Name)
            .YesNo("TaxLiable", _ => true)
            .String("OutputVATGroup", e => e.OutputVatGroup);

    private static EntityDefinition<DocumentLine> DocumentLineDefinition()
    {
        var batch = new EntityDefinition<BatchAllocation>("BatchNumber")
            .String("BatchNumber", b => b.BatchNumber)
            .Date("ExpiryDate", b => b.ExpiryDate)
            .Date("AddmisionDate", b => b.AdmissionDate)
            .Number("Quantity", b => b.Quantity);
        var serial = new EntityDefinition<SerialAllocation>("SerialNumber")
            .String("InternalSerialNumber", s => s.InternalSerialNumber)
            .Int("SystemSerialNumber", s => s.SystemSerialNumber)
            .Number("Quantity", _ => 1m);
        return new EntityDefinition<DocumentLine>("DocumentLine") { Extras = l => l.Extras }
            .Int("LineNum", l => l.LineNum)
            .String("ItemCode", l => NullIfEmpty(l.ItemCode))
            .String("ItemDescription", l => l.ItemDescription)
            .Number("Quantity", l => l.Quantity)
            .Number("Price", l => l.Price)
            .Number("PriceAfterVAT", l => l.PriceAfterVat)
            .String("Currency", l => l.Currency)
            .Number("DiscountPercent", l => l.DiscountPercent)
            .String("WarehouseCode", l => NullIfEmpty(l.WarehouseCode))
            .String("AccountCode", l => l.AccountCode)
            .String("VatGroup", l => l.VatGroup)
            .Int("BaseType", l => l.BaseType)
            .Int("BaseEntry", l => l.BaseEntry)
            .Int("BaseLine", l => l.BaseLine)
            .Number("LineTotal", l => l.LineTotal)
            .Number("TaxPercentagePerRow", l => l.TaxPercentagePerRow)
            .Number("TaxTotal", l => l.TaxTotal)
            .Number("UnitPrice", l => l.UnitPrice)
            .Enum("LineStatus", EnumMap.Status, l => l.LineStatus)
            .Number("RemainingOpenQuantity", l => l.RemainingOpenQuantity)
            .Number("OpenAmount", l => l.OpenAmount)
            .YesNo("WithoutInventoryMovement", l => l.WithoutInventoryMovement)
            .Number("GrossPrice", l => l.PriceAfterVat)
            .Number("GrossTotal", l => l.GrossTotal)
            .String("ShipToCode", l => l.ShipToCode)
            .String("ShipToDescription", l => l.ShipToDescription)
            .Collection("SerialNumbers", (w, l) => w.Array("SerialNumbers", l.SerialNumbers, serial))
            .Collection("BatchNumbers", (w, l) => w.Array("BatchNumbers", l.BatchNumbers, batch));
    }

    private EntityDefinition<MarketingDocument> DocumentDefinition()
    {
        var expense = new EntityDefinition<DocumentExpense>("DocumentAdditionalExpense") { Extras = e => e.Extras }
            .Int("ExpenseCode", e => e.ExpenseCode)
            .Number("LineTotal", e => e.LineTotal)
            .String("VatGroup", e => e.VatGroup)
            .Number("TaxPercent", e => e.TaxPercent)
            .Number("TaxSum", e => e.TaxSum)
            .Int("LineNum", e => e.LineNum)
            .Number("LineGross", e => e.LineGross);
        var lines = _documentLine;
        var draw = new EntityDefinition<DrawnDownPayment>("DownPaymentToDraw")
            .Int("DocEntry", d => d.DocEntry)
            .Number("GrossAmountToDraw", d => d.GrossAmountToDraw);
        return new EntityDefinition<MarketingDocument>("Document") { Extras = d => d.Extras }
            .Int("DocEntry", d => d.DocEntry)
            .Int("DocNum", d => d.DocNum)
            .Enum("DocType", EnumMap.DocumentType, d => d.DocType)
            .YesNo("HandWritten", d => d.DocNum != d.DocEntry)
            .Date("DocDate", d => d.DocDate)
            .Date("DocDueDate", d => d.DocDueDate)
            .String("CardCode", d => d.CardCode)
            .String("CardName", d => d.CardName)
            .String("Address", d => d.Address)
            .String("NumAtCard", d => d.NumAtCard)
            .Number("DocTotal", d => d.DocTotal)
            .String("DocCurrency", d => d.DocCurrency)
            .Number("DocRate", d => d.DocRate)
            .Number("DocTotalFc", d => d.DocCurrency == CompanyCatalog.Currency ? 0m : d.DocTotal)
            .Number("DocTotalSys", d => d.DocTotalLocal)
            .String("Comments", d => d.Comments)
            .Int("TransportationCode", d => d.TransportationCode)
            .Int("Series", d => d.Series)
            .Date("TaxDate", d => d.TaxDate)
            .Enum("DocObjectCode", EnumMap.ObjectType, d => DocumentSets.Get(d.EntitySet).DocObjectCode)
            .Number("DiscountPercent", _ => 0m)
            .Date("CreationDate", d => d.CreationDate)
            .Date("UpdateDate", d => DateOf(d.UpdateStamp))
            .Number("VatSum", d => d.VatSum)
            .Enum("DocumentStatus", EnumMap.Status, d => d.DocumentStatus)
            .YesNo("Cancelled", d => d.Cancelled)
            .Number("TotalDiscount", _ => 0m)
            .Time("UpdateTime", d => TimeOf(d.UpdateStamp))
            .String("ShipToCode", d => d.ShipToCode)
            .String("Address2", d => d.Address2)
            .String("PayToCode", d => d.PayToCode)
            .Collection("DocumentLines", (w, d) => w.Array("DocumentLines", d.Lines, lines))
            .Collection("AddressExtension", WriteAddressExtension)
            .Number("DownPaymentAmount", d => d.DownPaymentAmount)
            .Number("DownPaymentPercentage", d => d.DownPaymentPercentage)
            .Collection("DocumentAdditionalExpenses", (w, d) => w.Array("DocumentAdditionalExpenses", d.Expenses, expense))
            .Collection("DownPaymentsToDraw", (w, d) => w.Array("DownPaymentsToDraw", d.DownPaymentsToDraw, draw));
    }

    private static EntityDefinition<StockTransferDocument> TransferDefinition()
    {
        var batch = new EntityDefinition<BatchAllocation>("BatchNumber")
            .String("BatchNumber", b => b.BatchNumber)
            .Number("Quantity", b => b.Quantity);
        var serial = new EntityDefinition<SerialAllocation>("SerialNumber")
            .String("InternalSerialNumber", s => s.InternalSerialNumber)
            .Number("Quantity", _ => 1m);
        var line = new EntityDefinition<StockTransferLine>("StockTransferLine") { Extras = l => l.Extras }
            .Int("LineNum", l => l.LineNum)
            .String("ItemCode", l => l.ItemCode)
            .String("ItemDescription", l => l.ItemDescription)
            .Number("Quantity", l => l.Quantity)
            .Number("Price", l => l.Price)
            .String("WarehouseCode", l => l.WarehouseCode)
            .String("FromWarehouseCode", l => l.FromWarehouseCode)
            .Collection("SerialNumbers", (w, l) => w.Array("SerialNumbers", l.SerialNumbers, serial))
            .Collection("BatchNumbers", (w, l) => w.Array("BatchNumbers", l.BatchNumbers, batch));
        return new EntityDefinition<StockTransferDocument>("StockTransfer") { Extras = d => d.Extras }
            .Int("DocEntry", d => d.DocEntry)
            .Int("Series", d => d.Series)
            .Date("DocDate", d => d.DocDate)
            .Date("DueDate", d => d.DueDate)
            .String("CardCode", d => d.CardCode)
            .String("Comments", d => d.Comments)
            .String("FromWarehouse", d => d.FromWarehouse)
            .String("ToWarehouse", d => d.ToWarehouse)
            .Date("CreationDate", d => d.CreationDate)
            .Date("UpdateDate", d => DateOf(d.UpdateStamp))
            .Int("DocNum", d => d.DocNum)
            .Date("TaxDate", d => d.TaxDate)
            .String("DocObjectCode", _ => "67")
            .Enum("DocumentStatus", EnumMap.Status, d => d.DocumentStatus)
            .Collection("StockTransferLines", (w, d) => w.Array("StockTransferLines", d.Lines, line));
    }

    private static EntityDefinition<PaymentDocument> PaymentDefinition()
    {
        var invoice = new EntityDefinition<PaymentInvoiceLine>("PaymentInvoice") { Extras = l => l.Extras }
            .Int("LineNum", l => l.LineNum)
            .Int("DocEntry", l => l.DocEntry)
            .Number("SumApplied", l => l.SumApplied)
            .String("InvoiceType", l => l.InvoiceType);
        var card = new EntityDefinition<PaymentCreditCardLine>("PaymentCreditCard") { Extras = l => l.Extras }
            .Int("LineNum", l => l.LineNum)
            .Int("CreditCard", l => l.CreditCard)
            .String("CreditAcct", l => l.CreditAcct)
            .String("CreditCardNumber", l => l.CreditCardNumber)
            .Date("CardValidUntil", l => l.CardValidUntil)
            .String("VoucherNum", l => l.VoucherNum)
            .Int("PaymentMethodCode", l => l.PaymentMethodCode)
            .Number("CreditSum", l => l.CreditSum);
        var check = new EntityDefinition<PaymentCheckLine>("PaymentCheck") { Extras = l => l.Extras }
            .Int("LineNum", l => l.LineNum)
            .Date("DueDate", l => l.DueDate)
            .Int("CheckNumber", l => l.CheckNumber)
            .Number("CheckSum", l => l.CheckSum)
            .String("CheckAccount", l => l.CheckAccount);
        return new EntityDefinition<PaymentDocument>("Payment") { Extras = d => d.Extras }
            .Int("DocNum", d => d.DocNum)
            .Enum("DocType", EnumMap.ReceiptType, d => d.DocType)
            .Date("DocDate", d => d.DocDate)
            .String("CardCode", d => d.CardCode)
            .String("CardName", d => d.CardName)
            .String("CashAccount", d => d.CashAccount)
            .String("DocCurrency", d => d.DocCurrency)
            .Number("CashSum", d => d.CashSum)
            .String("CheckAccount", d => d.CheckAccount)
            .String("TransferAccount", d => d.TransferAccount)
            .Number("TransferSum", d => d.TransferSum)
            .Date("TransferDate", d => d.TransferDate)
            .String("TransferReference", d => d.TransferReference)
            .String("Remarks", d => d.Comments)
            .String("JournalRemarks", d => d.JournalRemarks)
            .Date("TaxDate", d => d.TaxDate)
            .Int("Series", d => d.Series)
            .Int("DocEntry", d => d.DocEntry)
            .Enum("DocObjectCode", EnumMap.PaymentsObjectType, d => DocumentSets.Get(d.EntitySet).DocObjectCode)
            .Date("DueDate", d => d.DueDate)
            .YesNo("Cancelled", d => d.Cancelled)
            .Collection("PaymentChecks", (w, d) => w.Array("PaymentChecks", d.PaymentChecks, check))
            .Collection("PaymentInvoices", (w, d) => w.Array("PaymentInvoices", d.PaymentInvoices, invoice))
            .Collection("PaymentCreditCards", (w, d) => w.Array("PaymentCreditCards", d.PaymentCreditCards, card));
    }

    // ---- batches and serials --------------------------------------------------------------------------------

    internal sealed record BatchRow(ItemRecord Item, BatchLot Lot);

    internal sealed record SerialRow(ItemRecord Item, SerialUnit Unit);

    internal sealed record BatchStockRow(int Id, ItemRecord Item, BatchLot Lot, int Warehouse);

    internal sealed record SerialStockRow(int Id, ItemRecord Item, SerialUnit Unit);

    private List<BatchRow> AllBatches() => _company.Items
        .Where(i => i.Kind == ItemKind.BatchManaged)
        .SelectMany(i => _company.Stock.ReadLots(i).Batches.Select(b => new BatchRow(i, b)))
        .OrderBy(r => r.Lot.AbsEntry).ToList();

    private List<SerialRow> AllSerials() => _company.Items
        .Where(i => i.Kind == ItemKind.SerialManaged)
        .SelectMany(i => _company.Stock.ReadLots(i).Serials.Select(s => new SerialRow(i, s)))
        .OrderBy(r => r.Unit.AbsEntry).ToList();

    private List<BatchStockRow> BatchStockRows()
    {
        var rows = new List<BatchStockRow>();
        foreach (var batch in AllBatches())
        {
            for (var w = 0; w < batch.Lot.Quantities.Length; w++)
            {
                if (batch.Lot.Quantities[w] > 0)
                {
                    rows.Add(new BatchStockRow(rows.Count + 1, batch.Item, batch.Lot, w));
                }
            }
        }

        return rows;
    }

    private List<SerialStockRow> SerialStockRows() =>
        AllSerials().Where(s => s.Unit.Warehouse >= 0).Select((s, i) => new SerialStockRow(i + 1, s.Item, s.Unit)).ToList();

    private static EntityDefinition<BatchRow> BatchDetailDefinition() =>
        new EntityDefinition<BatchRow>("BatchNumberDetail")
            .Int("DocEntry", b => b.Lot.AbsEntry)
            .String("ItemCode", b => b.Item.ItemCode)
            .String("ItemDescription", b => b.Item.ItemName)
            .Enum("Status", EnumMap.BatchStatus, _ => "bdsStatus_Released")
            .String("Batch", b => b.Lot.BatchNumber)
            .String("BatchAttribute1", _ => null)
            .String("BatchAttribute2", _ => null)
            .Date("AdmissionDate", b => b.Lot.AdmissionDate)
            .Date("ManufacturingDate", b => b.Lot.ManufacturingDate)
            .Date("ExpirationDate", b => b.Lot.ExpiryDate)
            .String("Details", _ => null)
            .Int("SystemNumber", b => b.Lot.SystemNumber);

    private static EntityDefinition<SerialRow> SerialDetailDefinition() =>
        new EntityDefinition<SerialRow>("SerialNumberDetail")
            .Int("DocEntry", s => s.Unit.AbsEntry)
            .String("ItemCode", s => s.Item.ItemCode)
            .String("ItemDescription", s => s.Item.ItemName)
            .String("MfrSerialNo", _ => null)
            .String("SerialNumber", s => s.Unit.SerialNumber)
            .Int("SystemNumber", s => s.Unit.SystemNumber)
            .Date("AdmissionDate", s => s.Unit.AdmissionDate);

    /// <summary>Rows of OBTQ joined with OBTN, as a SQL view would expose them; only positive quantities.</summary>
    private static EntityDefinition<BatchStockRow> BatchStockViewDefinition() =>
        new EntityDefinition<BatchStockRow>(BatchStockView)
            .Int("id__", r => r.Id)
            .String("ItemCode", r => r.Item.ItemCode)
            .String("WhsCode", r => CompanyCatalog.WarehouseCodes[r.Warehouse])
            .String("DistNumber", r => r.Lot.BatchNumber)
            .Number("Quantity", r => r.Lot.Quantities[r.Warehouse])
            .Date("ExpDate", r => r.Lot.ExpiryDate)
            .Date("InDate", r => r.Lot.AdmissionDate)
            .Date("MnfDate", r => r.Lot.ManufacturingDate)
            .Int("AbsEntry", r => r.Lot.AbsEntry)
            .Int("SysNumber", r => r.Lot.SystemNumber);

    private static EntityDefinition<SerialStockRow> SerialStockViewDefinition() =>
        new EntityDefinition<SerialStockRow>(SerialStockView)
            .Int("id__", r => r.Id)
            .String("ItemCode", r => r.Item.ItemCode)
            .String("WhsCode", r => CompanyCatalog.WarehouseCodes[r.Unit.Warehouse])
            .String("DistNumber", r => r.Unit.SerialNumber)
            .Int("SysNumber", r => r.Unit.SystemNumber)
            .Date("InDate", r => r.Unit.AdmissionDate)
            .Int("AbsEntry", r => r.Unit.AbsEntry);

    /// <summary>
    /// The stock audit as a merchant's SQL view over OINM exposes it (<c>SELECT TransNum, ItemCode, Warehouse, InQty,
    /// OutQty, DocDate FROM OINM</c>): what moved on-hand stock, by increasing transaction number.
    /// </summary>
    private static EntityDefinition<StockAuditRow> StockAuditViewDefinition() =>
        new EntityDefinition<StockAuditRow>(StockAuditView)
            .Int("id__", r => (int)r.TransNum)
            .Int("TransNum", r => (int)r.TransNum)
            .String("ItemCode", r => r.Item.ItemCode)
            .String("Warehouse", r => CompanyCatalog.WarehouseCodes[r.Warehouse])
            .Number("InQty", r => r.InQty)
            .Number("OutQty", r => r.OutQty)
            .Date("DocDate", r => r.DocDate);

    /// <summary>A read-only typed view over a store's list without copying it.</summary>
    private sealed class CastList<TOut>(IReadOnlyList<DocumentBase> inner) : IReadOnlyList<TOut> where TOut : DocumentBase
    {
        public TOut this[int index] => (TOut)inner[index];
        public int Count => inner.Count;
        public IEnumerator<TOut> GetEnumerator() => inner.Cast<TOut>().GetEnumerator();
        System.Collections.IEnumerator System.Collections.IEnumerable.GetEnumerator() => GetEnumerator();
    }
}
