using System.Collections.Immutable;

namespace ActorSync.Domain.Documents;

/// <summary>
/// A marketing document as the Service Layer takes it (Orders, DeliveryNotes, Invoices, CreditNotes share this shape).
/// Property names are SAP's own field names, so the record serialises straight into the request body.
/// Nulls are left out of the JSON: SAP then applies its defaults.
/// <see cref="Rounding"/>/<see cref="RoundingDiffAmount"/> carry a POS cash round-off (SAP's document rounding).
/// The addresses (reference §8a): <see cref="AddressExtension"/> holds the structured bill-to and ship-to,
/// <see cref="Address"/> (bill-to) and <see cref="Address2"/> (ship-to) the printable text; <see cref="PayToCode"/> and
/// <see cref="ShipToCode"/> name one of the partner's <c>BPAddresses</c> instead, and SAP fills the rest from it.
/// <see cref="CardName"/> is sent only when it is not the partner's own name (a guest's name on the shared guest partner).
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
    decimal? RoundingDiffAmount = null,
    string? CardName = null,
    string? Address = null,
    string? Address2 = null,
    string? PayToCode = null,
    string? ShipToCode = null,
    SapAddressExtension? AddressExtension = null);

/// <summary>
/// A document's structured addresses with SAP's field names (<c>AddressExtension</c>, 29 fields in the v1 metadata; the
/// ones the engine fills). The second and further street lines go to <c>Block</c>, which SAP prints under the street.
/// </summary>
public sealed record SapAddressExtension(
    string? ShipToStreet = null,
    string? ShipToBlock = null,
    string? ShipToCity = null,
    string? ShipToZipCode = null,
    string? ShipToState = null,
    string? ShipToCountry = null,
    string? BillToStreet = null,
    string? BillToBlock = null,
    string? BillToCity = null,
    string? BillToZipCode = null,
    string? BillToState = null,
    string? BillToCountry = null)
{
    /// <summary>Only the ship-to half: a delivery to another destination than its order's first.</summary>
    public SapAddressExtension ShipToOnly() => new(ShipToStreet, ShipToBlock, ShipToCity, ShipToZipCode, ShipToState, ShipToCountry);
}

/// <summary>
/// One document row. <see cref="BatchNumbers"/>/<see cref="SerialNumbers"/> are the allocation SAP demands when a
/// batch- or serial-managed item moves stock. <see cref="LineTotal"/>/<see cref="TaxTotal"/> (both writable in the
/// metadata) pass the channel's own net and tax through, so the document total equals what was paid instead of
/// SAP's recomputation (reference/channels.md §5.4: never recompute tax blindly). <see cref="ShipToCode"/> (one of the
/// partner's <c>BPAddresses</c>) or <see cref="ShipToDescription"/> (the printable address) say where a row goes when
/// the order ships to several addresses.
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
    decimal? TaxTotal = null,
    string? ShipToCode = null,
    string? ShipToDescription = null);

/// <summary>Freight and other header charges (SAP's DocumentAdditionalExpenses). <see cref="TaxSum"/> carries the channel's own tax.</summary>
public sealed record SapAdditionalExpense(int ExpenseCode, decimal LineTotal, string? VatGroup = null, decimal? TaxSum = null);

/// <summary>The Service Layer entity sets a document can be posted to.</summary>
public static class SapEntitySets
{
    public const string Orders = "Orders";
    public const string DeliveryNotes = "DeliveryNotes";
    public const string Invoices = "Invoices";
    public const string CreditNotes = "CreditNotes";
    public const string DownPayments = "DownPayments";
}
