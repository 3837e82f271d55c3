using System.Collections.Immutable;

namespace ActorSync.Channels.Wms;

/// <summary>The kinds of channels.md §4.5's canonical inbound event that the engine acts on.</summary>
public enum WmsEventKind
{
    /// <summary>Goods booked in (an ASN or purchase order received): an SAP goods receipt.</summary>
    GoodsReceived,
    /// <summary>An order's parcels left: a delivery and an invoice on the order.</summary>
    DispatchConfirmed,
    /// <summary>A signed correction (count, damage, found): a goods receipt for what was added, a goods issue for what was taken.</summary>
    StockAdjusted,
    /// <summary>The warehouse's absolute on-hand per SKU: the stock positions' figures.</summary>
    StockSnapshot,
    /// <summary>A customer return booked in: a goods receipt into the returns (or write-off) warehouse.</summary>
    ReturnReceived,
}

/// <param name="Quantity">Signed for <see cref="WmsEventKind.StockAdjusted"/>, positive otherwise; unused by a snapshot.</param>
/// <param name="QuantityAfter">The absolute on-hand after the event; required by a snapshot.</param>
public sealed record WmsEventLine(
    string Sku,
    decimal Quantity,
    decimal? QuantityAfter = null,
    string? ReasonCode = null,
    string? Lot = null,
    DateOnly? LotExpiry = null,
    ImmutableList<string>? Serials = null);

public sealed record WmsShipment(string? Carrier, string? Service, ImmutableList<string> TrackingNumbers, string? TrackingUrl);

/// <summary>
/// One warehouse event in ActorSync's canonical form (channels.md §4.5). <see cref="SourceEventId"/> is the
/// idempotency key within its source: the inbox takes an id once. <see cref="Warehouse"/> is the WMS's own code,
/// mapped to an SAP warehouse by the connector. <see cref="ExternalRef"/> is the order for a dispatch
/// (<c>&lt;channel&gt;:&lt;order id&gt;</c>, e.g. <c>magento:000000003</c>) and the ASN/PO or RMA otherwise.
/// </summary>
public sealed record WmsEvent(
    string SourceEventId,
    WmsEventKind Kind,
    DateTimeOffset OccurredAt,
    string Warehouse,
    string? ExternalRef,
    ImmutableList<WmsEventLine> Lines,
    WmsShipment? Shipment = null)
{
    /// <summary>For a dispatch: the selling channel and its order id out of <see cref="ExternalRef"/>.</summary>
    public (string Channel, string OrderId)? OrderRef
    {
        get
        {
            var colon = ExternalRef?.IndexOf(':') ?? -1;
            return colon > 0 && colon < ExternalRef!.Length - 1 ? (ExternalRef[..colon].ToLowerInvariant(), ExternalRef[(colon + 1)..]) : null;
        }
    }
}
