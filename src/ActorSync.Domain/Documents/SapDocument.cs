using System.Collections.Immutable;

namespace ActorSync.Domain.Documents;

/// <summary>
/// A marketing document as the Service Layer takes it (Orders, DeliveryNotes, Invoices, CreditNotes share this shape).
/// Property names are SAP's own field names, so the record serialises straight into the request body.
/// Nulls are left out of the JSON: SAP then applies its defaults.
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
    ImmutableList<SapAdditionalExpense>? DocumentAdditionalExpenses = null);

public sealed record SapDocumentLine(
    string ItemCode,
    decimal Quantity,
    decimal UnitPrice,
    string WarehouseCode,
    string? VatGroup = null,
    int? BaseType = null,
    int? BaseEntry = null,
    int? BaseLine = null);

/// <summary>Freight and other header charges (SAP's DocumentAdditionalExpenses).</summary>
public sealed record SapAdditionalExpense(int ExpenseCode, decimal LineTotal, string? VatGroup = null);

/// <summary>The Service Layer entity sets a document can be posted to.</summary>
public static class SapEntitySets
{
    public const string Orders = "Orders";
    public const string DeliveryNotes = "DeliveryNotes";
    public const string Invoices = "Invoices";
    public const string CreditNotes = "CreditNotes";
}
