using ActorSync.Domain.Connectors.BigCommerce;
using ActorSync.Domain.Connectors.Inbox;
using ActorSync.Domain.Journal;
using static ActorSync.Domain.Connectors.Inbox.InboxCommands;
using static ActorSync.Domain.Connectors.Inbox.InboxEvents;

namespace ActorSync.Domain.Connectors;

/// <summary>The connectors' journal format: the durable inbox (any source) and BigCommerce's reconciling poll (rules as for <see cref="Orders.OrderJournal"/>).</summary>
public static class ConnectorJournal
{
    /// <summary>
    /// The compression dictionary of the first format: typical entries, the most frequent last (deflate reaches back
    /// least far for what is nearest). Part of the format: never edited; a better one is added after it.
    /// </summary>
    private const string DictionaryV1 = """
        {"ModifiedFrom":"2026-","At":"2026-"}
        {"Key":"store/order/refund/created:","At":"2026-"}
        {"Key":"store/order/created:","Reason":"invalid-channel-record: bigcommerce order : $.products[0].sku ","At":"2026-"}
        {"ModifiedFrom":"2026-","Page":1,"Enqueued":1,"At":"2026-12-01T00:00:00.0000000+00:00"}
        {"Key":"store/order/statusUpdated:","Outcome":"Order bigcommerce: held: status 0 (Incomplete)","At":"2026-"}
        {"Key":"store/shipment/created:","Kind":"store/shipment/created","Payload":"{\"scope\":\"store/shipment/created\",\"store_id\":\"\",\"data\":{\"type\":\"shipment\",\"id\":,\"orderId\":},\"hash\":\"\",\"created_at\":,\"producer\":\"stores/\"}","At":"2026-"}
        {"Key":"store/order/updated:","Outcome":"Order bigcommerce: Duplicate","At":"2026-12-01T00:00:00.0000000+00:00"}
        {"Key":"store/order/created:","Kind":"store/order/created","Payload":"{\"scope\":\"store/order/created\",\"store_id\":\"\",\"data\":{\"type\":\"order\",\"id\":},\"hash\":\"\",\"created_at\":,\"producer\":\"stores/\"}","At":"2026-12-01T00:00:00.0000000+00:00"}
        """;

    public static readonly JournalContract Contract = new("connectors",
    [
        ("inbox.entry-accepted.v1", typeof(EntryAccepted)),
        ("inbox.entry-done.v1", typeof(EntryDone)),
        ("inbox.entry-parked.v1", typeof(EntryParked)),
        ("inbox.entry-requeued.v1", typeof(EntryRequeued)),
        ("inbox.snapshot.v1", typeof(InboxSnapshot)),
        ("bigcommerce.reconcile-started.v1", typeof(ReconcileEvents.ReconcileStarted)),
        ("bigcommerce.reconcile-cursor-advanced.v1", typeof(ReconcileEvents.ReconcileCursorAdvanced)),
        // On the wire between nodes (each inbox and poll is a cluster singleton).
        ("inbox.accept.v1", typeof(AcceptEntry)),
        ("inbox.accept-result.v1", typeof(AcceptResult)),
        ("inbox.requeue.v1", typeof(RequeueEntry)),
        ("inbox.requeue-result.v1", typeof(RequeueResult)),
        ("inbox.get.v1", typeof(GetInbox)),
        ("inbox.view.v1", typeof(InboxView)),
    ], dictionaries: [DictionaryV1]);
}
