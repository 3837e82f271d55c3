using System.Text.Json;

namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>What every stored document shares: its set, keys, stamps and the fields stored without modelling.</summary>
public abstract class DocumentBase
{
    public string EntitySet { get; internal set; } = "";
    public int DocEntry { get; internal set; }
    public int DocNum { get; internal set; }
    public int Series { get; internal set; } = 1;
    public DateOnly DocDate { get; internal set; }
    public DateOnly CreationDate { get; internal set; }

    /// <summary>UpdateDate + UpdateTime (second resolution).</summary>
    public DateTime UpdateStamp { get; internal set; }
    public string? Comments { get; internal set; }

    /// <summary>Fields the client sent that exist in SAP's metadata (or are UDFs) but are not modelled; echoed back.</summary>
    internal Dictionary<string, JsonElement> Extras { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Read a stored-but-unmodelled field (e.g. a UDF) the client sent.</summary>
    public JsonElement? GetExtra(string property) => Extras.TryGetValue(property, out var value) ? value : null;

    internal abstract DocumentBase DeepClone();

    protected void CopyBaseTo(DocumentBase target) =>
        target.Extras = new Dictionary<string, JsonElement>(Extras, StringComparer.Ordinal);
}

/// <summary>Batch allocation on a line (<c>BatchNumbers</c>).</summary>
public sealed record BatchAllocation(string BatchNumber, decimal Quantity, DateOnly? ExpiryDate = null, DateOnly? AdmissionDate = null);

/// <summary>Serial allocation on a line (<c>SerialNumbers</c>); one unit each.</summary>
public sealed record SerialAllocation(string InternalSerialNumber, int SystemSerialNumber);

/// <summary>
/// The SAP <c>Document</c> type shared by Orders, DeliveryNotes, Invoices, CreditNotes, InventoryGenEntries and
/// InventoryGenExits (reference §8: all document sets share one entity type).
/// </summary>
public sealed class MarketingDocument : DocumentBase
{
    public const string ItemsType = "dDocument_Items";
    public const string ServiceType = "dDocument_Service";

    /// <summary>
    /// BoDocumentTypes: <c>dDocument_Items</c>, or <c>dDocument_Service</c> for an A/R document whose rows are
    /// G/L-account amounts with a description instead of items.
    /// </summary>
    public string DocType { get; internal set; } = ItemsType;
    public bool IsService => DocType == ServiceType;
    public DateOnly DocDueDate { get; internal set; }
    public DateOnly TaxDate { get; internal set; }
    public string? CardCode { get; internal set; }
    public string? CardName { get; internal set; }
    public string? NumAtCard { get; internal set; }
    public string DocCurrency { get; internal set; } = CompanyCatalog.Currency;

    /// <summary>
    /// The exchange rate of <see cref="DocCurrency"/> on the document's date (local units per unit; 1 in local
    /// currency). Totals stay in the document currency; <see cref="DocTotalLocal"/> is the local equivalent.
    /// </summary>
    public decimal DocRate { get; internal set; } = 1m;

    /// <summary>DocTotal in local (= system) currency: DocTotal × DocRate, to the cent (answered as DocTotalSys).</summary>
    public decimal DocTotalLocal => Math.Round(DocTotal * DocRate, 2, MidpointRounding.AwayFromZero);

    /// <summary>Ship-to and bill-to (<c>AddressExtension</c>): sent, else from the named or default partner address, else the base document's.</summary>
    public AddressRecord? ShipTo { get; internal set; }
    public AddressRecord? BillTo { get; internal set; }

    /// <summary>The printable bill-to (<c>Address</c>) and ship-to (<c>Address2</c>).</summary>
    public string? Address { get; internal set; }
    public string? Address2 { get; internal set; }

    /// <summary>The partner addresses the document names (<c>ShipToCode</c>, <c>PayToCode</c>).</summary>
    public string? ShipToCode { get; internal set; }
    public string? PayToCode { get; internal set; }

    /// <summary>ShippingTypes code; −1 (SAP's default) when none.</summary>
    public int TransportationCode { get; internal set; } = -1;
    public bool Open { get; internal set; } = true;
    public bool Cancelled { get; internal set; }
    public decimal VatSum { get; internal set; }
    public decimal DocTotal { get; internal set; }

    /// <summary>
    /// Sum of payment amounts applied to this document: incoming payments on an invoice, outgoing payments (refunds)
    /// on a credit note.
    /// </summary>
    public decimal PaidToDate { get; internal set; }

    /// <summary>
    /// An A/R invoice: the down payments it draws (<c>DownPaymentsToDraw</c>), whose sum (<c>DownPaymentAmount</c>)
    /// is taken off what the invoice asks the customer to pay (its <c>DocTotal</c>).
    /// </summary>
    internal List<DrawnDownPayment> DrawnList { get; set; } = [];
    public IReadOnlyList<DrawnDownPayment> DownPaymentsToDraw => DrawnList;
    public decimal DownPaymentAmount => DrawnList.Sum(d => d.GrossAmountToDraw);

    /// <summary>A down payment invoice: the share of its base rows it asks for, and how much of it invoices have drawn since.</summary>
    public decimal DownPaymentPercentage { get; internal set; }
    public decimal DrawnToDate { get; internal set; }

    internal List<DocumentLine> LineList { get; set; } = [];
    internal List<DocumentExpense> ExpenseList { get; set; } = [];
    public IReadOnlyList<DocumentLine> Lines => LineList;
    public IReadOnlyList<DocumentExpense> Expenses => ExpenseList;

    /// <summary><c>bost_Open</c> or <c>bost_Close</c>.</summary>
    public string DocumentStatus => Open ? "bost_Open" : "bost_Close";

    internal override DocumentBase DeepClone()
    {
        var copy = (MarketingDocument)MemberwiseClone();
        CopyBaseTo(copy);
        copy.LineList = LineList.Select(l => l.Clone()).ToList();
        copy.ExpenseList = ExpenseList.Select(e => e.Clone()).ToList();
        copy.DrawnList = [.. DrawnList];
        return copy;
    }
}

/// <summary>A <c>DocumentLine</c>.</summary>
public sealed class DocumentLine
{
    public int LineNum { get; internal set; }

    /// <summary>Empty on a service row, which has neither item nor warehouse (answered as null).</summary>
    public string ItemCode { get; internal set; } = "";

    /// <summary>The row's currency: the document's (rows in another currency are not modelled).</summary>
    public string Currency { get; internal set; } = CompanyCatalog.Currency;
    public string? ItemDescription { get; internal set; }
    public decimal Quantity { get; internal set; }

    /// <summary>The row's G/L account (AcctCode): required on a service row, optional on an item row.</summary>
    public string? AccountCode { get; internal set; }

    /// <summary>Price before discount (PriceBefDi).</summary>
    public decimal UnitPrice { get; internal set; }

    /// <summary>Price after discount, before VAT.</summary>
    public decimal Price { get; internal set; }
    public decimal DiscountPercent { get; internal set; }
    public decimal PriceAfterVat { get; internal set; }
    public string WarehouseCode { get; internal set; } = "";
    public string? VatGroup { get; internal set; }
    public decimal TaxPercentagePerRow { get; internal set; }
    public decimal LineTotal { get; internal set; }
    public decimal TaxTotal { get; internal set; }
    public decimal GrossTotal { get; internal set; }
    public int BaseType { get; internal set; } = -1;
    public int? BaseEntry { get; internal set; }
    public int? BaseLine { get; internal set; }
    public decimal RemainingOpenQuantity { get; internal set; }
    public bool Open { get; internal set; } = true;

    /// <summary>Where the row goes when not where the document goes: a partner address (<c>ShipToCode</c>) or printable text.</summary>
    public string? ShipToCode { get; internal set; }
    public string? ShipToDescription { get; internal set; }

    /// <summary>
    /// What a service row still has open for copying to a credit note: an amount, because a service row has no real
    /// quantity. Null on item rows, whose open part is their open quantity.
    /// </summary>
    internal decimal? OpenServiceAmount { get; set; }

    /// <summary>OpenSum: the net amount not yet copied to a target document.</summary>
    public decimal OpenAmount => OpenServiceAmount ?? Math.Round(RemainingOpenQuantity * Price, 2, MidpointRounding.AwayFromZero);

    /// <summary>Real metadata field (NoInvtryMv): on a credit note, tYES means the goods do not go back to stock.</summary>
    public bool WithoutInventoryMovement { get; internal set; }

    /// <summary>
    /// The line was priced from <c>PriceAfterVAT</c> (gross). Documents copied from it are priced gross too, so
    /// delivery → invoice → credit note keep the same totals.
    /// </summary>
    internal bool PricedGross { get; set; }

    internal List<BatchAllocation> BatchList { get; set; } = [];
    internal List<SerialAllocation> SerialList { get; set; } = [];
    public IReadOnlyList<BatchAllocation> BatchNumbers => BatchList;
    public IReadOnlyList<SerialAllocation> SerialNumbers => SerialList;
    internal Dictionary<string, JsonElement> Extras { get; set; } = new(StringComparer.Ordinal);

    public string LineStatus => Open ? "bost_Open" : "bost_Close";

    internal DocumentLine Clone()
    {
        var copy = (DocumentLine)MemberwiseClone();
        copy.BatchList = [.. BatchList];
        copy.SerialList = [.. SerialList];
        copy.Extras = new Dictionary<string, JsonElement>(Extras, StringComparer.Ordinal);
        return copy;
    }
}

/// <summary>A <c>DocumentAdditionalExpense</c> (freight etc.).</summary>
public sealed class DocumentExpense
{
    public int LineNum { get; internal set; }
    public int ExpenseCode { get; internal set; }
    public decimal LineTotal { get; internal set; }
    public string? VatGroup { get; internal set; }
    public decimal TaxPercent { get; internal set; }
    public decimal TaxSum { get; internal set; }
    public decimal LineGross { get; internal set; }
    internal Dictionary<string, JsonElement> Extras { get; set; } = new(StringComparer.Ordinal);

    internal DocumentExpense Clone()
    {
        var copy = (DocumentExpense)MemberwiseClone();
        copy.Extras = new Dictionary<string, JsonElement>(Extras, StringComparer.Ordinal);
        return copy;
    }
}

/// <summary>A <c>StockTransfer</c> (OWTR): moves stock from <c>FromWarehouseCode</c> to <c>WarehouseCode</c> per line.</summary>
public sealed class StockTransferDocument : DocumentBase
{
    public DateOnly DueDate { get; internal set; }
    public DateOnly TaxDate { get; internal set; }
    public string? CardCode { get; internal set; }
    public string? FromWarehouse { get; internal set; }
    public string? ToWarehouse { get; internal set; }
    internal List<StockTransferLine> LineList { get; set; } = [];
    public IReadOnlyList<StockTransferLine> Lines => LineList;

    /// <summary>Transfers are closed on creation in B1.</summary>
    public string DocumentStatus => "bost_Close";

    internal override DocumentBase DeepClone()
    {
        var copy = (StockTransferDocument)MemberwiseClone();
        CopyBaseTo(copy);
        copy.LineList = LineList.Select(l => l.Clone()).ToList();
        return copy;
    }
}

/// <summary>A <c>StockTransferLine</c>.</summary>
public sealed class StockTransferLine
{
    public int LineNum { get; internal set; }
    public string ItemCode { get; internal set; } = "";
    public string? ItemDescription { get; internal set; }
    public decimal Quantity { get; internal set; }
    public decimal Price { get; internal set; }
    public string FromWarehouseCode { get; internal set; } = "";
    public string WarehouseCode { get; internal set; } = "";
    internal List<BatchAllocation> BatchList { get; set; } = [];
    internal List<SerialAllocation> SerialList { get; set; } = [];
    public IReadOnlyList<BatchAllocation> BatchNumbers => BatchList;
    public IReadOnlyList<SerialAllocation> SerialNumbers => SerialList;
    internal Dictionary<string, JsonElement> Extras { get; set; } = new(StringComparer.Ordinal);

    internal StockTransferLine Clone()
    {
        var copy = (StockTransferLine)MemberwiseClone();
        copy.BatchList = [.. BatchList];
        copy.SerialList = [.. SerialList];
        copy.Extras = new Dictionary<string, JsonElement>(Extras, StringComparer.Ordinal);
        return copy;
    }
}

/// <summary>
/// An incoming payment (ORCT) or an outgoing one (OVPM, <c>VendorPayments</c>); both are SAP's <c>Payment</c> type.
/// For payments DocEntry equals DocNum (reference §8).
/// </summary>
public sealed class PaymentDocument : DocumentBase
{
    /// <summary><c>rCustomer</c>, <c>rAccount</c> or <c>rSupplier</c>.</summary>
    public string DocType { get; internal set; } = "rCustomer";
    public DateOnly DueDate { get; internal set; }
    public DateOnly TaxDate { get; internal set; }
    public string? CardCode { get; internal set; }
    public string? CardName { get; internal set; }
    public string DocCurrency { get; internal set; } = CompanyCatalog.Currency;
    public string? CashAccount { get; internal set; }
    public decimal CashSum { get; internal set; }
    public string? TransferAccount { get; internal set; }
    public decimal TransferSum { get; internal set; }
    public DateOnly? TransferDate { get; internal set; }
    public string? TransferReference { get; internal set; }
    public string? CheckAccount { get; internal set; }
    public string? JournalRemarks { get; internal set; }
    public bool Cancelled { get; internal set; }
    internal List<PaymentInvoiceLine> InvoiceList { get; set; } = [];
    internal List<PaymentCreditCardLine> CreditCardList { get; set; } = [];
    internal List<PaymentCheckLine> CheckList { get; set; } = [];
    public IReadOnlyList<PaymentInvoiceLine> PaymentInvoices => InvoiceList;
    public IReadOnlyList<PaymentCreditCardLine> PaymentCreditCards => CreditCardList;
    public IReadOnlyList<PaymentCheckLine> PaymentChecks => CheckList;

    /// <summary>Cash + transfer + credit cards + checks.</summary>
    public decimal Total => CashSum + TransferSum + CreditCardList.Sum(c => c.CreditSum) + CheckList.Sum(c => c.CheckSum);

    internal override DocumentBase DeepClone()
    {
        var copy = (PaymentDocument)MemberwiseClone();
        CopyBaseTo(copy);
        copy.InvoiceList = InvoiceList.Select(l => l with { }).ToList();
        copy.CreditCardList = CreditCardList.Select(l => l with { }).ToList();
        copy.CheckList = CheckList.Select(l => l with { }).ToList();
        return copy;
    }
}

/// <summary>One row of an invoice's <c>DownPaymentsToDraw</c>: the down payment invoice and the gross amount taken from it.</summary>
public sealed record DrawnDownPayment(int DocEntry, decimal GrossAmountToDraw);

public sealed record PaymentInvoiceLine(int LineNum, int DocEntry, decimal SumApplied, string InvoiceType)
{
    internal Dictionary<string, JsonElement> Extras { get; init; } = new(StringComparer.Ordinal);
}

public sealed record PaymentCreditCardLine(int LineNum, int CreditCard, string CreditAcct, decimal CreditSum)
{
    public string? CreditCardNumber { get; init; }
    public DateOnly? CardValidUntil { get; init; }
    public string? VoucherNum { get; init; }
    public int PaymentMethodCode { get; init; }
    internal Dictionary<string, JsonElement> Extras { get; init; } = new(StringComparer.Ordinal);
}

public sealed record PaymentCheckLine(int LineNum, decimal CheckSum, string? CheckAccount)
{
    public DateOnly? DueDate { get; init; }
    public int CheckNumber { get; init; }
    internal Dictionary<string, JsonElement> Extras { get; init; } = new(StringComparer.Ordinal);
}
