using System.Collections.Immutable;

namespace ActorSync.Domain.Documents;

/// <summary>
/// A document copied from a base document (Delivery from an Order, Invoice from a Delivery, Credit Note from an
/// Invoice). SAP takes item, price, tax, warehouse and the addresses from the base, so the copy only says which line
/// and how much; a delivery to another of the order's destinations than its first also says where it goes
/// (<see cref="ShipToCode"/>, or <see cref="AddressExtension"/> with its ship-to half and the printable <see cref="Address2"/>).
/// </summary>
public sealed record SapCopyDocument(
    string CardCode,
    string NumAtCard,
    string DocDate,
    ImmutableList<SapCopyLine> DocumentLines,
    string? Comments = null,
    ImmutableList<SapAdditionalExpense>? DocumentAdditionalExpenses = null,
    string? Address2 = null,
    string? ShipToCode = null,
    SapAddressExtension? AddressExtension = null,
    ImmutableList<SapDownPaymentDraw>? DownPaymentsToDraw = null,
    string? DownPaymentType = null,
    decimal? DocTotal = null);

/// <summary>
/// One row of an invoice's <c>DownPaymentsToDraw</c>: the A/R down payment invoice and the gross amount the invoice
/// takes from it, so the invoice asks the customer only for the rest.
/// </summary>
public sealed record SapDownPaymentDraw(int DocEntry, decimal GrossAmountToDraw);

/// <summary>
/// A service-type A/R document (<c>DocType dDocument_Service</c>): rows book amounts to G/L accounts instead of selling
/// items, for what has no item to copy, such as a refund of shipping alone.
/// </summary>
public sealed record SapServiceDocument(
    string CardCode,
    string NumAtCard,
    string DocDate,
    ImmutableList<SapServiceLine> DocumentLines,
    string? Comments = null)
{
    public string DocType => "dDocument_Service";
}

/// <summary>A service row: net <paramref name="LineTotal"/> on <paramref name="AccountCode"/>, with the tax passed through.</summary>
public sealed record SapServiceLine(string ItemDescription, string AccountCode, decimal LineTotal, string VatGroup, decimal TaxTotal);

/// <param name="BaseType">SAP object type of the base: 17 order, 15 delivery, 13 invoice.</param>
/// <param name="WithoutInventoryMovement">"tYES" on a credit note line written off instead of returned to stock.</param>
/// <param name="BatchNumbers">A delivery line of a batch-managed item must say which batches leave (SAP -4014 otherwise).</param>
/// <param name="SerialNumbers">Likewise for serial-managed items.</param>
/// <param name="LineTotal">The row's net amount when it must not be SAP's re-computation (an invoice's share of the order row, a credit note's refunded amount).</param>
/// <param name="TaxTotal">The row's tax, likewise.</param>
public sealed record SapCopyLine(
    int BaseType,
    int BaseEntry,
    int BaseLine,
    decimal Quantity,
    string? WithoutInventoryMovement = null,
    ImmutableList<SapBatchNumber>? BatchNumbers = null,
    ImmutableList<SapSerialNumber>? SerialNumbers = null,
    decimal? LineTotal = null,
    decimal? TaxTotal = null);

/// <summary>SAP object type numbers used as <c>BaseType</c>.</summary>
public static class SapObjectTypes
{
    public const int Order = 17;
    public const int Delivery = 15;
    public const int Invoice = 13;
}
