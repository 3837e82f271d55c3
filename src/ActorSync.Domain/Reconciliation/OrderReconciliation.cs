using System.Collections.Immutable;
using ActorSync.Domain.Orders;

namespace ActorSync.Domain.Reconciliation;

/// <summary>A shipment or refund as the channel lists it: the id the engine keys its SAP document by, and when it was made.</summary>
public sealed record ChannelEvent(string Id, DateTimeOffset At);

/// <summary>
/// A channel order as the channel's API lists it for the window. <paramref name="BelongsInSap"/> is the connector's
/// own gate (Magento processing/complete/closed, BigCommerce's posting statuses, Sitoo type 10 paid): an order held
/// unpaid or cancelled before SAP saw it has no sales order and that is right.
/// </summary>
public sealed record ChannelOrderSeen(string Channel, string ExternalId, DateTimeOffset Created, bool BelongsInSap,
    ImmutableList<ChannelEvent> Dispatches, ImmutableList<ChannelEvent> Refunds)
{
    public OrderKey Key => new(Channel, ExternalId);
}

/// <summary>An SAP marketing document as read back (<c>$select=DocEntry,NumAtCard,DocDate,Cancelled,DocTotal</c>).</summary>
public sealed record SapDocumentSeen(string EntitySet, int DocEntry, string NumAtCard, DateOnly DocDate, bool Cancelled = false, decimal DocTotal = 0m);

/// <summary>The window a run judges: records from <see cref="Since"/>; records younger than <see cref="Cutoff"/> are still in flight and not judged.</summary>
public sealed record ReconWindow(DateTimeOffset Since, DateTimeOffset Cutoff)
{
    /// <summary>SAP dates are days: a document of the window's first day counts.</summary>
    public DateOnly FirstDay => DateOnly.FromDateTime(Since.UtcDateTime);
}

/// <summary>
/// Channel orders, their refunds and their shipments against SAP's sales orders, credit notes, deliveries and invoices,
/// matched by the keys the order flow writes and looks documents up by: the order's <c>NumAtCard</c>
/// (<c>MAGENTO-000000123</c>, <see cref="OrderKey.NumAtCard"/>), a delivery's <c>/D&lt;dispatch&gt;</c>, an
/// invoice's <c>/I&lt;dispatch&gt;</c>, a credit note's <c>/R&lt;refund&gt;</c>. An order missing in SAP is one
/// finding: its refunds and shipments are not reported again on top.
/// </summary>
public static class OrderReconciliation
{
    public const string OrdersSet = "Orders", DeliveriesSet = "DeliveryNotes", InvoicesSet = "Invoices", CreditNotesSet = "CreditNotes";

    public static ImmutableList<SourceResult> Compare(string channel, ReconWindow window, IReadOnlyList<ChannelOrderSeen> orders, IReadOnlyList<SapDocumentSeen> sap)
    {
        var held = sap.Where(d => !d.Cancelled).GroupBy(d => (d.EntitySet, d.NumAtCard)).Select(g => g.Key).ToHashSet();
        bool Has(string set, string numAtCard) => held.Contains((set, numAtCard));

        var findings = new List<ReconFinding>();
        var judged = orders.Where(o => o.Created >= window.Since && o.Created <= window.Cutoff).ToList();
        var (refundsCompared, dispatchesCompared) = (0, 0);
        foreach (var order in judged.Where(o => o.BelongsInSap))
        {
            var numAtCard = order.Key.NumAtCard;
            if (!Has(OrdersSet, numAtCard))
            {
                findings.Add(new ReconFinding(FindingKind.OrderMissingInSap, $"order-missing:{order.Key.EntityId}", channel, order.Key.EntityId,
                    $"{channel} order {order.ExternalId} (created {order.Created:yyyy-MM-dd HH:mm} UTC) has no SAP sales order with NumAtCard {numAtCard}."));
                continue;
            }
            foreach (var refund in order.Refunds.Where(r => r.At <= window.Cutoff))
            {
                refundsCompared++;
                var key = $"{numAtCard}/R{refund.Id}";
                if (!Has(CreditNotesSet, key))
                    findings.Add(new ReconFinding(FindingKind.RefundWithoutCreditNote, $"refund-no-credit-note:{order.Key.EntityId}/{refund.Id}", channel, key,
                        $"{channel} refund {refund.Id} of order {order.ExternalId} ({refund.At:yyyy-MM-dd HH:mm} UTC) has no SAP credit note with NumAtCard {key}."));
            }
            foreach (var dispatch in order.Dispatches.Where(d => d.At <= window.Cutoff))
            {
                dispatchesCompared++;
                var delivery = $"{numAtCard}/D{dispatch.Id}";
                var invoice = $"{numAtCard}/I{dispatch.Id}";
                if (!Has(DeliveriesSet, delivery))
                    findings.Add(new ReconFinding(FindingKind.DispatchWithoutDelivery, $"dispatch-no-delivery:{order.Key.EntityId}/{dispatch.Id}", channel, delivery,
                        $"{channel} shipment {dispatch.Id} of order {order.ExternalId} ({dispatch.At:yyyy-MM-dd HH:mm} UTC) has no SAP delivery with NumAtCard {delivery}."));
                else if (!Has(InvoicesSet, invoice))
                    findings.Add(new ReconFinding(FindingKind.DispatchWithoutInvoice, $"dispatch-no-invoice:{order.Key.EntityId}/{dispatch.Id}", channel, invoice,
                        $"{channel} shipment {dispatch.Id} of order {order.ExternalId} is delivered in SAP but has no invoice with NumAtCard {invoice}."));
            }
        }

        // SAP's side: sales orders of the window claiming this channel (NumAtCard CHANNEL-<id>, no '/': copies carry one).
        var known = orders.Select(o => o.ExternalId).ToHashSet(StringComparer.Ordinal);
        var prefix = channel.ToUpperInvariant() + "-";
        var sapOrders = sap.Where(d => d.EntitySet == OrdersSet && !d.Cancelled && d.DocDate >= window.FirstDay
                                       && d.NumAtCard.StartsWith(prefix, StringComparison.Ordinal) && !d.NumAtCard.Contains('/')).ToList();
        foreach (var doc in sapOrders.Where(d => !known.Contains(d.NumAtCard[prefix.Length..])))
            findings.Add(new ReconFinding(FindingKind.SapOrderUnknownToChannel, $"sap-order-unknown:{doc.NumAtCard}", channel, doc.NumAtCard,
                $"SAP sales order {doc.DocEntry} (NumAtCard {doc.NumAtCard}, {doc.DocDate:yyyy-MM-dd}) names a {channel} order the channel does not have."));

        return
        [
            SourceResult.Clean(channel, ReconFlow.Orders, judged.Count + sapOrders.Count, findings),
            SourceResult.Clean(channel, ReconFlow.Refunds, refundsCompared, findings),
            SourceResult.Clean(channel, ReconFlow.Dispatches, dispatchesCompared, findings),
        ];
    }
}
