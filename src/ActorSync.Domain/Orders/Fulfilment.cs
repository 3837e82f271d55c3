using System.Collections.Immutable;

namespace ActorSync.Domain.Orders;

/// <summary>
/// A channel or warehouse confirmed that (part of) an order left the building. Becomes a Delivery based on the
/// sales order (BaseType 17), then an A/R Invoice based on the delivery (BaseType 15). Partial dispatches are normal.
/// </summary>
/// <param name="DispatchId">The channel's or warehouse's id for this shipment; makes retries idempotent.</param>
/// <param name="Source">Who confirmed it when not the channel itself (a WMS such as <c>wms</c>): the channel is then told, with the tracking.</param>
public sealed record DispatchConfirmation(
    string Channel,
    string OrderExternalId,
    string DispatchId,
    ImmutableList<DispatchLine> Lines,
    DateOnly Date,
    string? Carrier = null,
    string? TrackingNumber = null,
    string? Source = null)
{
    public OrderKey OrderKey => new(Channel, OrderExternalId);
}

public sealed record DispatchLine(string Sku, decimal Quantity);

/// <summary>
/// A refund the channel made. Becomes an A/R Credit Note based on the invoice (BaseType 13): lines returned to stock
/// or written off as configured, plus shipping when refunded. Never twice for one <see cref="RefundId"/>.
/// </summary>
public sealed record RefundRequest(
    string Channel,
    string OrderExternalId,
    string RefundId,
    ImmutableList<RefundLine> Lines,
    decimal ShippingRefund,
    bool ReturnToStock,
    DateOnly Date,
    decimal? TotalRefunded = null)
{
    public OrderKey OrderKey => new(Channel, OrderExternalId);

    /// <summary>For a shipping-only refund: the service row it is credited as, decided from the mapping when it was recorded.</summary>
    public ShippingCredit? ShippingCredit { get; init; }

    /// <summary>
    /// Where the money went back to when not to the order's own payment method (<c>storecredit</c>, a gift card): a
    /// payment method name, mapped like any other to its own account. Null: the way the order was paid.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public string? Method { get; init; }

    /// <summary>What the customer got back, and so what the credit note holds: the lines' gross amounts plus the shipping refunded.</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public decimal Refunded => Lines.Sum(l => l.Amount) + ShippingRefund;
}

/// <summary>A shipping-only refund as one service row: net and tax split at the rate the order's shipping carried.</summary>
public sealed record ShippingCredit(string AccountCode, string VatGroup, decimal NetAmount, decimal TaxAmount);

/// <param name="Amount">Gross amount refunded for this line, as the customer sees it.</param>
public sealed record RefundLine(string Sku, decimal Quantity, decimal Amount);

/// <summary>The channel cancelled the order: the SAP sales order is closed (or never posted).</summary>
public sealed record OrderCancellation(string Channel, string OrderExternalId, string? Reason = null)
{
    public OrderKey OrderKey => new(Channel, OrderExternalId);
}
