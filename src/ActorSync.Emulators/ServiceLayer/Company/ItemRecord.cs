namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>
/// An item (OITM). Kept small because a company may hold a million of them: per-warehouse stock, batches and
/// serials live in the <see cref="StockLedger"/>, generated lazily from the seed.
/// </summary>
public sealed class ItemRecord
{
    internal ItemRecord(int index, int number, string itemCode, ItemKind kind, decimal retailPrice, string salesVatGroup, DateTime stamp)
    {
        Index = index;
        Number = number;
        ItemCode = itemCode;
        Kind = kind;
        RetailPrice = retailPrice;
        WholesalePrice = Math.Round(retailPrice * 0.8m, 2, MidpointRounding.AwayFromZero);
        SalesVatGroup = salesVatGroup;
        Valid = kind != ItemKind.Inactive;
        Frozen = kind == ItemKind.Frozen;
        CreateStamp = stamp;
        UpdateStamp = stamp;
    }

    /// <summary>Position in the generated item list (0-based): the item's key in the stock ledger, kept when other items are removed.</summary>
    public int Index { get; }

    /// <summary>The number inside the code (ITM00042 → 42).</summary>
    public int Number { get; }

    public string ItemCode { get; }
    public ItemKind Kind { get; }

    private string? _name;
    public string ItemName
    {
        get => _name ?? "Item " + ItemCode[CompanyCatalog.ItemPrefix.Length..];
        internal set => _name = value;
    }

    public string? BarCode { get; internal set; }
    public bool Valid { get; internal set; }
    public bool Frozen { get; internal set; }
    public bool IsActive => Valid && !Frozen;

    /// <summary><c>ValidFrom</c>/<c>ValidTo</c>, <c>FrozenFrom</c>/<c>FrozenTo</c>: the dates the flag holds between (open when empty).</summary>
    public DateOnly? ValidFrom { get; internal set; }
    public DateOnly? ValidTo { get; internal set; }
    public DateOnly? FrozenFrom { get; internal set; }
    public DateOnly? FrozenTo { get; internal set; }
    public bool ManageBatchNumbers => Kind == ItemKind.BatchManaged;
    public bool ManageSerialNumbers => Kind == ItemKind.SerialManaged;
    public string SalesVatGroup { get; internal set; }

    /// <summary>Price list 1 (retail) price.</summary>
    public decimal RetailPrice { get; internal set; }

    /// <summary>Price list 2 (wholesale) price: 80 % of retail.</summary>
    public decimal WholesalePrice { get; internal set; }

    public string DefaultWarehouse => CompanyCatalog.MainWarehouse;
    public DateTime CreateStamp { get; }

    /// <summary>UpdateDate + UpdateTime (second resolution, company clock).</summary>
    public DateTime UpdateStamp { get; internal set; }

    public decimal PriceFor(int priceList) => priceList == CompanyCatalog.PriceListWholesale ? WholesalePrice : RetailPrice;

    public override string ToString() => $"{ItemCode} ({Kind})";
}

/// <summary>A business partner (OCRD).</summary>
public sealed class BusinessPartnerRecord
{
    internal BusinessPartnerRecord(string cardCode, string cardName, string cardType, DateTime stamp)
    {
        CardCode = cardCode;
        CardName = cardName;
        CardType = cardType;
        CreateStamp = stamp;
        UpdateStamp = stamp;
    }

    public string CardCode { get; }
    public string CardName { get; internal set; }

    /// <summary>Enum member name: <c>cCustomer</c>, <c>cSupplier</c> or <c>cLid</c>.</summary>
    public string CardType { get; }
    public string? EmailAddress { get; internal set; }
    public string? Phone1 { get; internal set; }
    public int GroupCode { get; internal set; } = 100;
    public int PriceListNum { get; internal set; } = CompanyCatalog.PriceListRetail;
    public string Currency { get; internal set; } = CompanyCatalog.Currency;
    public bool Valid { get; internal set; } = true;
    public bool Frozen { get; internal set; }
    public bool IsActive => Valid && !Frozen;
    public DateTime CreateStamp { get; }
    public DateTime UpdateStamp { get; internal set; }

    /// <summary>Bill-to and ship-to addresses (<c>BPAddresses</c>).</summary>
    internal List<PartnerAddressRecord> AddressList { get; set; } = [];
    public IReadOnlyList<PartnerAddressRecord> Addresses => AddressList;

    /// <summary>The ship-to and bill-to a document gets when it names none (<c>ShipToDefault</c>, <c>BilltoDefault</c>).</summary>
    public string? ShipToDefault { get; internal set; }
    public string? BillToDefault { get; internal set; }

    public PartnerAddressRecord? FindAddress(string type, string? name) =>
        name is null ? null : AddressList.Find(a => a.AddressType == type && string.Equals(a.AddressName, name, StringComparison.Ordinal));

    /// <summary>Fields the client sent that the emulator stores without modelling (echoed back on GET).</summary>
    internal Dictionary<string, System.Text.Json.JsonElement> Extras { get; set; } = new(StringComparer.Ordinal);

    internal BusinessPartnerRecord Clone()
    {
        var copy = (BusinessPartnerRecord)MemberwiseClone();
        copy.Extras = new Dictionary<string, System.Text.Json.JsonElement>(Extras, StringComparer.Ordinal);
        copy.AddressList = [.. AddressList];
        return copy;
    }

    internal void RestoreFrom(BusinessPartnerRecord snapshot)
    {
        CardName = snapshot.CardName;
        EmailAddress = snapshot.EmailAddress;
        Phone1 = snapshot.Phone1;
        GroupCode = snapshot.GroupCode;
        PriceListNum = snapshot.PriceListNum;
        Currency = snapshot.Currency;
        Valid = snapshot.Valid;
        Frozen = snapshot.Frozen;
        UpdateStamp = snapshot.UpdateStamp;
        Extras = snapshot.Extras;
        AddressList = snapshot.AddressList;
        ShipToDefault = snapshot.ShipToDefault;
        BillToDefault = snapshot.BillToDefault;
    }
}
