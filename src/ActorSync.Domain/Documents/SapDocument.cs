using System.Collections.Immutable;

namespace ActorSync.Domain.Documents;

/// <summary>
/// A marketing document as the Service Layer takes it (Orders, DeliveryNotes, Invoices, CreditNotes share this shape).
/// Property names are SAP's own field names, so the record serialises straight into the request body.
/// Nulls are left out of the JSON: SAP then applies its defaults.
/// <see cref="Rounding"/>/<see cref="RoundingDiffAmount"/> carry a POS cash round-off (SAP's document rounding).
/// </summary>
public sealed record SapDocument(
    string CardCode,
    string NumAtCard,
    string DocDate,
    string DocDueDate,
    ImmutableList<SapDocumentLine> DocumentLines,
    string? DocCurrency = null,
    int? TransportationCode = null,
    string? Comments = null,
    ImmutableList<SapAdditionalExpense>? DocumentAdditionalExpenses = null,
    string? Rounding = null,
    decimal? RoundingDiffAmount = null);

/// <summary>
/// One document row. <see cref="BatchNumbers"/>/<see cref="SerialNumbers"/> are the allocation SAP demands when a
/// batch- or serial-managed item moves stock. <see cref="LineTotal"/>/<see cref="TaxTotal"/> (both writable in the
/// metadata) pass the channel's own net and tax through, so the document total equals what was paid instead of
/// SAP's recomputation (reference/channels.md §5.4: never recompute tax blindly).
/// </summary>
public sealed record SapDocumentLine(
    string ItemCode,
    decimal Quantity,
    decimal UnitPrice,
    string WarehouseCode,
    string? VatGroup = null,
    int? BaseType = null,
    int? BaseEntry = null,
    int? BaseLine = null,
    ImmutableList<SapBatchNumber>? BatchNumbers = null,
    ImmutableList<SapSerialNumber>? SerialNumbers = null,
    decimal? LineTotal = null,
    decimal? TaxTotal = null);

/// <summary>Freight and other header charges (SAP's DocumentAdditionalExpenses). <see cref="TaxSum"/> carries the channel's own tax.</summary>
public sealed record SapAdditionalExpense(int ExpenseCode, decimal LineTotal, string? VatGroup = null, decimal? TaxSum = null);

/// <summary>The Service Layer entity sets a document can be posted to.</summary>
public static class SapEntitySets
{
    public const string Orders = "Orders";
    public const string DeliveryNotes = "DeliveryNotes";
    public const string Invoices = "Invoices";
    public const string CreditNotes = "CreditNotes";
}
