namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>A warehouse (OWHS). <c>Nettable=tNO</c> marks QC and DMG as not sellable.</summary>
public sealed record WarehouseRecord(string WarehouseCode, string WarehouseName, bool Nettable, bool Inactive = false);

/// <summary>An output VAT group (OVTG) with its current rate in percent.</summary>
public sealed record VatGroupRecord(string Code, string Name, decimal Rate, bool Inactive = false);

/// <summary>A shipping type (OSHP); its Code is what documents carry in <c>TransportationCode</c>.</summary>
public sealed record ShippingTypeRecord(int Code, string Name, string? Website = null);

/// <summary>A G/L account (OACT) a payment may post to.</summary>
public sealed record AccountRecord(string Code, string Name, bool CashAccount, bool ActiveAccount = true);

/// <summary>A freight/additional expense (OEXD) with its default output VAT group.</summary>
public sealed record ExpenseTypeRecord(int ExpensCode, string Name, string OutputVatGroup);

/// <summary>Stock of one item in one warehouse (OITW): <c>InStock</c>, <c>Committed</c>, <c>Ordered</c>.</summary>
public readonly record struct StockLevel(decimal InStock, decimal Committed, decimal Ordered)
{
    /// <summary>B1's usual "available" figure: InStock − Committed + Ordered (reference §8).</summary>
    public decimal Available => InStock - Committed + Ordered;
}

/// <summary>A batch of an item and its quantity in one warehouse.</summary>
public sealed record BatchStock(string ItemCode, string WarehouseCode, string BatchNumber, decimal Quantity,
    DateOnly? ExpiryDate, DateOnly AdmissionDate, int AbsEntry);

/// <summary>
/// A currency (OCRN) with the metadata's <c>Currency</c> fields the emulator models: <c>Code</c> (CurrCode),
/// <c>Name</c>, <c>DocumentsCode</c> (the ISO code printed on documents), <c>InternationalDescription</c>,
/// <c>HundredthName</c>, <c>EnglishName</c>, <c>Decimals</c> (<c>CurrenciesDecimalsEnum</c>) and <c>Rounding</c>
/// (<c>RoundingSysEnum</c>).
/// </summary>
public sealed record CurrencyRecord(string Code, string Name, string DocumentsCode, string InternationalDescription, string HundredthName,
    string EnglishName, string Decimals = "cdDefault", string Rounding = "rsNoRounding");
