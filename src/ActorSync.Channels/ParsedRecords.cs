using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;

namespace ActorSync.Channels;

/// <summary>What the engine should do with a record in its current channel state.</summary>
public enum OrderAction
{
    /// <summary>Ready: build and post the document.</summary>
    Post,
    /// <summary>Not yet (payment pending, parked sale, incomplete checkout): wait for the next update.</summary>
    Hold,
    /// <summary>The channel cancelled it: close the SAP document, or never post it.</summary>
    Cancel,
    /// <summary>Nothing for SAP (abandoned cart, a status with no business meaning).</summary>
    Ignore,
}

/// <summary>The channel state's verdict, with the channel's own words in <see cref="Reason"/>.</summary>
public sealed record OrderReadiness(OrderAction Action, string Reason);

/// <summary>
/// An order's money as parsed: lines and shipping (net and tax) as they will go to SAP, and the channel's grand
/// total. <see cref="RoundingDifference"/> is whatever the parts do not explain; it is kept, never absorbed, and
/// <c>LinesNet + LinesTax + ShippingNet + ShippingTax + RoundingDifference == GrandTotal</c> always holds.
/// </summary>
public sealed record OrderTotals(decimal LinesNet, decimal LinesTax, decimal ShippingNet, decimal ShippingTax, decimal GrandTotal)
{
    public decimal RoundingDifference => GrandTotal - (LinesNet + LinesTax + ShippingNet + ShippingTax);

    public bool ReconcilesExactly => RoundingDifference == 0;

    public static OrderTotals Of(ChannelOrder order) => new(
        order.Lines.Sum(l => l.NetTotal), order.Lines.Sum(l => l.TaxAmount), order.ShippingAmount, order.ShippingTax, order.TotalPaid);

    /// <summary>
    /// A <c>totals-mismatch</c> when the difference is more than rounding (up to <paramref name="tolerancePerRow"/> per
    /// line and shipping row, channels.md §5.4); null otherwise.
    /// </summary>
    public ExceptionDetails? Check(string what, int rows, decimal tolerancePerRow)
    {
        var allowed = tolerancePerRow * Math.Max(1, rows);
        if (Math.Abs(RoundingDifference) <= allowed)
            return null;
        return ExceptionTypes.TotalsMismatch(
            $"{what}: lines {Money.Cents(LinesNet):0.00} + tax {Money.Cents(LinesTax):0.00} + shipping {ShippingNet:0.00} + shipping tax {ShippingTax:0.00} " +
            $"= {GrandTotal - RoundingDifference:0.00}, but the channel's grand total is {GrandTotal:0.00} (difference {RoundingDifference:0.00}).");
    }
}

/// <summary>A channel order ready for mapping: the domain record plus what parsing learned about it.</summary>
/// <param name="ChannelEntityId">The id the channel's API paths use when it differs from the order number (Magento <c>entity_id</c>).</param>
/// <param name="PaymentMethod">As the channel names it (Magento <c>payment.method</c>, BigCommerce <c>payment_method</c>).</param>
public sealed record ParsedChannelOrder(
    ChannelOrder Order,
    OrderTotals Totals,
    OrderReadiness Readiness,
    ImmutableList<string> Notes,
    string? ChannelEntityId = null,
    string? PaymentMethod = null);

/// <summary>A POS receipt ready for the POS builder, with its channel totals and state.</summary>
public sealed record ParsedPosTransaction(PosTransaction Transaction, OrderTotals Totals, OrderReadiness Readiness, ImmutableList<string> Notes);

/// <summary>
/// What the engine must read from a channel before it can act, for payloads that only carry ids (BigCommerce
/// webhooks, channels.md §2.3: "Payload is light – only type + id; fetch the resource afterwards").
/// </summary>
/// <param name="Requests">The HTTP reads, in order (<c>GET /v2/orders/250</c>).</param>
/// <param name="Then">What the fetched records become.</param>
public sealed record FetchPlan(string Channel, string Subject, ImmutableList<string> Requests, string Then);

/// <summary>A channel's own stock figure for one SKU at one location (Sitoo <c>warehouseitems</c>, BigCommerce inventory items).</summary>
/// <param name="Location">Null when the payload does not say (Sitoo's list is per warehouse, named only in the URL).</param>
public sealed record ChannelStockLevel(string Channel, string? Location, string Sku, decimal OnHand, decimal Reserved, decimal Available, DateTimeOffset? LastModified);

/// <summary>A product as the channel lists it; SAP masters items and prices, so these are only compared, never posted.</summary>
public sealed record ChannelProduct(string Channel, string ProductId, string Sku, string? Title, decimal? Price);
