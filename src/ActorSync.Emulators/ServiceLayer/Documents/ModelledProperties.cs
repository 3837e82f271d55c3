using System.Collections.Frozen;

namespace ActorSync.Emulators.ServiceLayer.Documents;

/// <summary>
/// The properties the emulator models (reads from payloads and/or writes in answers). Any other property a client
/// sends must exist in SAP's metadata; it is then stored and echoed verbatim.
/// </summary>
internal static class ModelledProperties
{
    private static FrozenSet<string> Set(params string[] names) => names.ToFrozenSet(StringComparer.Ordinal);

    public static readonly FrozenSet<string> DocumentHeader = Set(
        "DocEntry", "DocNum", "Series", "HandWritten", "DocType", "DocDate", "DocDueDate", "TaxDate", "CardCode", "CardName",
        "NumAtCard", "Comments", "DocCurrency", "DocRate", "DocTotalFc", "DocTotalSys", "TransportationCode", "DocumentStatus", "Cancelled", "DocTotal",
        "VatSum", "DiscountPercent", "TotalDiscount", "CreationDate", "UpdateDate", "UpdateTime", "DocObjectCode",
        "DocumentLines", "DocumentAdditionalExpenses", "AddressExtension", "Address", "Address2", "ShipToCode", "PayToCode",
        "DownPaymentType", "DownPaymentPercentage", "DownPaymentAmount", "DownPaymentsToDraw");

    public static readonly FrozenSet<string> DocumentLine = Set(
        "LineNum", "DocEntry", "ItemCode", "ItemDescription", "Quantity", "UnitPrice", "Price", "PriceAfterVAT", "DiscountPercent",
        "Currency", "WarehouseCode", "AccountCode", "VatGroup", "TaxPercentagePerRow", "LineTotal", "TaxTotal", "GrossPrice", "GrossTotal",
        "BaseType", "BaseEntry", "BaseLine", "LineStatus", "RemainingOpenQuantity", "OpenAmount", "WithoutInventoryMovement",
        "BatchNumbers", "SerialNumbers", "ShipToCode", "ShipToDescription");

    public static readonly FrozenSet<string> Expense = Set(
        "LineNum", "ExpenseCode", "LineTotal", "VatGroup", "TaxPercent", "TaxSum", "LineGross");

    public static readonly FrozenSet<string> BatchNumber = Set("BatchNumber", "Quantity", "ExpiryDate", "AddmisionDate", "BaseLineNumber");
    public static readonly FrozenSet<string> SerialNumber = Set("InternalSerialNumber", "SystemSerialNumber", "Quantity", "BaseLineNumber");

    public static readonly FrozenSet<string> StockTransferHeader = Set(
        "DocEntry", "DocNum", "Series", "DocDate", "DueDate", "TaxDate", "CardCode", "Comments", "FromWarehouse", "ToWarehouse",
        "DocumentStatus", "CreationDate", "UpdateDate", "DocObjectCode", "StockTransferLines");

    public static readonly FrozenSet<string> StockTransferLine = Set(
        "LineNum", "DocEntry", "ItemCode", "ItemDescription", "Quantity", "Price", "FromWarehouseCode", "WarehouseCode",
        "BatchNumbers", "SerialNumbers");

    public static readonly FrozenSet<string> Payment = Set(
        "DocEntry", "DocNum", "Series", "DocType", "DocDate", "DueDate", "TaxDate", "CardCode", "CardName", "DocCurrency",
        "CashAccount", "CashSum", "TransferAccount", "TransferSum", "TransferDate", "TransferReference", "CheckAccount",
        "Remarks", "JournalRemarks", "Cancelled", "DocObjectCode", "PaymentInvoices", "PaymentCreditCards", "PaymentChecks",
        "PaymentAccounts");

    public static readonly FrozenSet<string> PaymentInvoice = Set("LineNum", "DocEntry", "SumApplied", "InvoiceType");
    public static readonly FrozenSet<string> PaymentCreditCard = Set(
        "LineNum", "CreditCard", "CreditAcct", "CreditSum", "CreditCardNumber", "CardValidUntil", "VoucherNum", "PaymentMethodCode");
    public static readonly FrozenSet<string> PaymentCheck = Set("LineNum", "CheckSum", "CheckAccount", "DueDate", "CheckNumber");

    public static readonly FrozenSet<string> BusinessPartner = Set(
        "CardCode", "CardName", "CardType", "GroupCode", "EmailAddress", "Phone1", "Currency", "PriceListNum", "Valid", "Frozen",
        "CreateDate", "CreateTime", "UpdateDate", "UpdateTime", "BPAddresses", "ShipToDefault", "BilltoDefault");
}
