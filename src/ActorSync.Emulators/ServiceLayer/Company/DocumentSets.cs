namespace ActorSync.Emulators.ServiceLayer.Company;

/// <summary>Which entity type a document set uses.</summary>
public enum DocumentSetKind
{
    /// <summary>SAP's shared <c>Document</c> type (marketing and inventory documents).</summary>
    Marketing,
    StockTransfer,
    Payment,
}

/// <summary>
/// Static facts about a document set: B1 object type (used as <c>BaseType</c>), header/line table names (used in
/// DI-style error texts such as "[INV1.ItemCode][line:1]") and the <c>DocObjectCode</c> enum member.
/// </summary>
public sealed record DocumentSetInfo(
    string Name, int ObjectType, string HeaderTable, string LineTable, string DocObjectCode, DocumentSetKind Kind, bool IsSales)
{
    public override string ToString() => Name;
}

/// <summary>
/// The document sets the emulator serves (reference §8 table; <c>VendorPayments</c>, OVPM, object type 46, from the
/// metadata's entity sets: it shares the <c>Payment</c> type with <c>IncomingPayments</c>).
/// </summary>
public static class DocumentSets
{
    public const string Orders = "Orders";
    public const string DeliveryNotes = "DeliveryNotes";
    public const string Invoices = "Invoices";
    public const string DownPayments = "DownPayments";
    public const string CreditNotes = "CreditNotes";
    public const string InventoryGenEntries = "InventoryGenEntries";
    public const string InventoryGenExits = "InventoryGenExits";
    public const string StockTransfers = "StockTransfers";
    public const string IncomingPayments = "IncomingPayments";
    public const string VendorPayments = "VendorPayments";

    public static IReadOnlyList<DocumentSetInfo> All { get; } =
    [
        new(Orders, 17, "ORDR", "RDR1", "oOrders", DocumentSetKind.Marketing, true),
        new(DeliveryNotes, 15, "ODLN", "DLN1", "oDeliveryNotes", DocumentSetKind.Marketing, true),
        new(Invoices, 13, "OINV", "INV1", "oInvoices", DocumentSetKind.Marketing, true),
        new(CreditNotes, 14, "ORIN", "RIN1", "oCreditNotes", DocumentSetKind.Marketing, true),
        new(DownPayments, 203, "ODPI", "DPI1", "oDownPayments", DocumentSetKind.Marketing, true),
        new(InventoryGenEntries, 59, "OIGN", "IGN1", "oInventoryGenEntry", DocumentSetKind.Marketing, false),
        new(InventoryGenExits, 60, "OIGE", "IGE1", "oInventoryGenExit", DocumentSetKind.Marketing, false),
        new(StockTransfers, 67, "OWTR", "WTR1", "oStockTransfer", DocumentSetKind.StockTransfer, false),
        new(IncomingPayments, 24, "ORCT", "RCT2", "bopot_IncomingPayments", DocumentSetKind.Payment, false),
        new(VendorPayments, 46, "OVPM", "VPM2", "bopot_OutgoingPayments", DocumentSetKind.Payment, false),
    ];

    public static DocumentSetInfo? Find(string name)
    {
        foreach (var info in All)
        {
            if (string.Equals(info.Name, name, StringComparison.Ordinal))
            {
                return info;
            }
        }

        return null;
    }

    public static DocumentSetInfo? FindByObjectType(int objectType) => All.FirstOrDefault(s => s.ObjectType == objectType);

    public static DocumentSetInfo Get(string name) => Find(name) ?? throw new ArgumentException($"Unknown document set '{name}'.", nameof(name));
}
