using System.Collections.Immutable;
using ActorSync.Domain.Orders;

namespace ActorSync.Domain.Pos;

public enum PosTransactionKind
{
    /// <summary>Goods sold over the counter and paid: an A/R invoice with no base document plus its payment(s).</summary>
    Sale,
    /// <summary>Goods brought back and money refunded: an A/R credit note (based on the original invoice when known) plus the refund.</summary>
    Return,
}

/// <summary>
/// A finished POS receipt as the till reported it, after channel parsing. Sitoo reports returns as orders with
/// negative quantities and amounts (channels.md §3.3); here every quantity and amount is a positive magnitude and
/// <see cref="Kind"/> says which way the goods and money went, because SAP's credit notes take positive quantities.
/// </summary>
/// <param name="Location">The channel's store/warehouse id (Sitoo <c>warehouseid</c>); mapped to an SAP warehouse.</param>
/// <param name="Total">Gross total the customer paid (or got back), round-off included.</param>
/// <param name="RoundOff">Cash rounding included in <see cref="Total"/> (Sitoo <c>moneytotal_gross_roundoff</c>).</param>
/// <param name="OriginalExternalId">For a return: the receipt the goods were bought on, when the till says.</param>
/// <param name="ReasonCode">For a return: the till's reason code (write-off codes are mapped).</param>
public sealed record PosTransaction(
    string Channel,
    string ExternalId,
    PosTransactionKind Kind,
    DateOnly Date,
    string Currency,
    CustomerRef Customer,
    string? Location,
    ImmutableList<PosLine> Lines,
    ImmutableList<PosPayment> Payments,
    decimal Total,
    decimal RoundOff = 0m,
    string? OriginalExternalId = null,
    string? ReasonCode = null,
    string? RegisterId = null)
{
    public OrderKey Key => new(Channel, ExternalId);

    public decimal LinesNet => Lines.Sum(l => l.NetAmount);

    public decimal LinesTax => Lines.Sum(l => l.TaxAmount);

    public decimal PaymentsTotal => Payments.Sum(p => p.Amount);
}

/// <summary>One receipt row; amounts are for the whole row, net of tax and after discounts, as the till booked them.</summary>
/// <param name="OriginalLineId">For a return: the row of the original receipt (Sitoo <c>pos-originalsales-orderitemid</c>).</param>
public sealed record PosLine(
    string Sku,
    decimal Quantity,
    decimal NetAmount,
    decimal TaxAmount,
    decimal TaxRate,
    string? Description = null,
    string? OriginalLineId = null)
{
    /// <summary>Net unit price to six decimals (SAP keeps unit prices at that precision); <see cref="NetAmount"/> stays authoritative.</summary>
    public decimal UnitPrice => Quantity == 0 ? 0 : Math.Round(NetAmount / Quantity, 6, MidpointRounding.AwayFromZero);
}

/// <summary>A tender on the receipt: method as the till names it (Sitoo payment <c>name</c> or <c>additionaldata.payment-method</c>).</summary>
public sealed record PosPayment(string Method, decimal Amount, string? Reference = null, string? CardIssuer = null);

/// <summary>
/// The A/R invoice an earlier sale became in SAP, found by its <c>NumAtCard</c>: a return's credit note copies from it
/// (BaseType 13) so SAP links the two and reopens nothing twice.
/// </summary>
/// <param name="LineNums">Original receipt row id or SKU to the invoice's <c>LineNum</c>.</param>
public sealed record OriginalInvoice(int DocEntry, string CardCode, ImmutableDictionary<string, int> LineNums)
{
    /// <summary>The batches and serials the invoice's rows took out (by <c>LineNum</c>): returned goods go back into them.</summary>
    public ImmutableList<LinePick> Picks { get; init; } = [];
}
