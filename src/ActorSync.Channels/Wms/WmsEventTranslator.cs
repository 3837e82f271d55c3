using System.Collections.Immutable;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Channels.Wms;

/// <summary>How one warehouse source's codes meet SAP.</summary>
/// <param name="Source">The source's name: the movements' source and the dispatches' <see cref="DispatchConfirmation.Source"/>.</param>
/// <param name="Warehouse">The WMS's warehouse code → SAP warehouse code, or null when unmapped.</param>
/// <param name="WarehouseKey">The setting that maps a code (named in the exception when it is missing).</param>
/// <param name="ReturnsWarehouse">SAP warehouse that customer returns are received into.</param>
/// <param name="WriteOffWarehouse">SAP warehouse for returned lines whose reason code means "write off".</param>
public sealed record WmsSourceMapping(
    string Source,
    Func<string, string?> Warehouse,
    Func<string, string> WarehouseKey,
    string ReturnsWarehouse,
    string WriteOffWarehouse,
    IReadOnlySet<string> WriteOffReasonCodes);

/// <summary>What a warehouse event asks of the engine.</summary>
public abstract record WmsWork
{
    /// <summary>A delivery and an invoice on the order (<c>SyncEngine.RecordDispatchAsync</c>).</summary>
    public sealed record Dispatch(DispatchConfirmation Confirmation) : WmsWork;

    /// <summary>Movements for the warehouse flow's windows (<c>SyncEngine.SubmitWarehouseMovementAsync</c>), coalesced into goods receipts and issues.</summary>
    public sealed record Movements(ImmutableList<WarehouseMovement> Items) : WmsWork;

    /// <summary>Absolute on-hand per SKU in one SAP warehouse, as of <paramref name="At"/> (the stock positions).</summary>
    public sealed record Snapshot(string Warehouse, ImmutableList<(string Sku, decimal OnHand)> Levels, DateTimeOffset At) : WmsWork;

    /// <summary>Nothing can be done with it as it is (unmapped warehouse): parked with this exception.</summary>
    public sealed record Refused(ExceptionDetails Exception) : WmsWork;
}

/// <summary>
/// The canonical event to the engine's records (pure; the processor only sequences the calls):
/// <list type="bullet">
/// <item>DispatchConfirmed → a <see cref="DispatchConfirmation"/> on order <c>&lt;channel&gt;:&lt;id&gt;</c> from
///   <see cref="WmsEvent.ExternalRef"/>, dispatch id = <see cref="WmsEvent.SourceEventId"/> (so one dispatch sent
///   twice is a Duplicate), the first tracking number and the carrier.</item>
/// <item>GoodsReceived → a receipt into the mapped warehouse, lots as batches, serials kept.</item>
/// <item>StockAdjusted → a receipt of the positive lines and an issue of the negative ones.</item>
/// <item>ReturnReceived → a receipt into the returns warehouse, lines with a write-off reason code into the write-off warehouse.</item>
/// <item>StockSnapshot → the lines' <c>quantityAfter</c> as on-hand in the mapped warehouse.</item>
/// </list>
/// Movements carry SAP warehouse codes as their locations (the connector maps them onto themselves for its source).
/// </summary>
public static class WmsEventTranslator
{
    public static WmsWork Translate(WmsEvent e, WmsSourceMapping mapping)
    {
        if (e.Kind != WmsEventKind.DispatchConfirmed && mapping.Warehouse(e.Warehouse) is null)
            return new WmsWork.Refused(ExceptionTypes.UnmappedWmsWarehouse(
                $"{mapping.Source} {e.Kind} {e.SourceEventId}: warehouse '{e.Warehouse}' ($.warehouse) has no SAP warehouse.", mapping.WarehouseKey(e.Warehouse)));
        var warehouse = mapping.Warehouse(e.Warehouse);
        return e.Kind switch
        {
            WmsEventKind.DispatchConfirmed => Dispatch(e, mapping),
            WmsEventKind.GoodsReceived => new WmsWork.Movements([Movement(e, mapping, MovementKind.Receipt, warehouse!, e.Lines)]),
            WmsEventKind.StockAdjusted => Adjustment(e, mapping, warehouse!),
            WmsEventKind.ReturnReceived => new WmsWork.Movements([Return(e, mapping)]),
            _ => new WmsWork.Snapshot(warehouse!, e.Lines.Select(l => (l.Sku, l.QuantityAfter ?? 0)).ToImmutableList(), e.OccurredAt),
        };
    }

    private static WmsWork Dispatch(WmsEvent e, WmsSourceMapping mapping)
    {
        var (channel, orderId) = e.OrderRef ?? throw new ArgumentException("A dispatch's externalRef names its order as <channel>:<order id>.", nameof(e));
        // The delivery is based on the sales order's lines and their warehouses; the WMS's warehouse is not needed for
        // it, so an unmapped one does not hold up the customer's invoice.
        var lines = e.Lines.GroupBy(l => l.Sku, StringComparer.Ordinal).Select(g => new DispatchLine(g.Key, g.Sum(l => l.Quantity))).ToImmutableList();
        return new WmsWork.Dispatch(new DispatchConfirmation(channel, orderId, e.SourceEventId, lines, DateOnly.FromDateTime(e.OccurredAt.UtcDateTime),
            e.Shipment?.Carrier, e.Shipment?.TrackingNumbers.FirstOrDefault(), mapping.Source));
    }

    private static WmsWork Adjustment(WmsEvent e, WmsSourceMapping mapping, string warehouse)
    {
        var added = e.Lines.Where(l => l.Quantity > 0).ToImmutableList();
        var taken = e.Lines.Where(l => l.Quantity < 0).Select(l => l with { Quantity = -l.Quantity }).ToImmutableList();
        var movements = ImmutableList.CreateBuilder<WarehouseMovement>();
        if (!added.IsEmpty) movements.Add(Movement(e, mapping, MovementKind.Receipt, warehouse, added));
        if (!taken.IsEmpty) movements.Add(Movement(e, mapping, MovementKind.Issue, warehouse, taken));
        return new WmsWork.Movements(movements.ToImmutable());
    }

    private static WarehouseMovement Return(WmsEvent e, WmsSourceMapping mapping)
    {
        var lines = e.Lines.Select(l => Line(l) with
        {
            Location = l.ReasonCode is { } reason && mapping.WriteOffReasonCodes.Contains(reason) ? mapping.WriteOffWarehouse : mapping.ReturnsWarehouse,
        }).ToImmutableList();
        return new WarehouseMovement(mapping.Source, e.SourceEventId, MovementKind.Receipt, e.OccurredAt, mapping.ReturnsWarehouse, lines,
            Reference: e.ExternalRef, ReasonCode: Reasons(e.Lines));
    }

    private static WarehouseMovement Movement(WmsEvent e, WmsSourceMapping mapping, MovementKind kind, string warehouse, ImmutableList<WmsEventLine> lines) =>
        new(mapping.Source, e.SourceEventId, kind, e.OccurredAt, warehouse, lines.Select(Line).ToImmutableList(), Reference: e.ExternalRef, ReasonCode: Reasons(lines));

    private static MovementLine Line(WmsEventLine l) => new(l.Sku, l.Quantity, l.Lot, l.Serials, BatchExpiry: l.LotExpiry);

    private static string? Reasons(IEnumerable<WmsEventLine> lines) =>
        string.Join(",", lines.Select(l => l.ReasonCode).OfType<string>().Distinct(StringComparer.Ordinal)) is { Length: > 0 } text ? text : null;
}
