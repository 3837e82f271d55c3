using ActorSync.Domain.Journal;
using static ActorSync.Domain.Orders.OrderCommands;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Orders;

/// <summary>
/// The orders' journal format. A manifest is never changed or reused: a new shape of an event gets the next version
/// and an upcaster from the old one (see <see cref="JournalContract"/>). Commands, the query and its replies are here
/// too because they cross nodes on their way to the order's shard.
/// </summary>
public static class OrderJournal
{
    public static readonly JournalContract Contract = new("orders",
    [
        ("order.received.v1", typeof(OrderReceived)),
        ("order.validated.v1", typeof(OrderValidated)),
        ("order.customer-created.v1", typeof(CustomerCreated)),
        ("order.quarantined.v1", typeof(OrderQuarantined)),
        ("order.posting-deferred.v1", typeof(PostingDeferred)),
        ("order.posted.v1", typeof(OrderPosted)),
        ("order.quarantine-released.v1", typeof(QuarantineReleased)),
        ("order.dispatch-recorded.v1", typeof(DispatchRecorded)),
        ("order.tracking-published.v1", typeof(TrackingPublished)),
        ("order.tracking-parked.v1", typeof(TrackingParked)),
        ("order.tracking-released.v1", typeof(TrackingReleased)),
        ("order.refund-recorded.v1", typeof(RefundRecorded)),
        ("order.cancellation-recorded.v1", typeof(CancellationRecorded)),
        ("order.cancelled.v1", typeof(OrderCancelled)),
        ("order.job-completed.v1", typeof(JobCompleted)),
        ("order.job-deferred.v1", typeof(JobDeferred)),
        ("order.job-parked.v1", typeof(JobParked)),
        ("order.shipping-credit-planned.v1", typeof(ShippingCreditPlanned)),
        ("order.stock-picked.v1", typeof(StockPicked)),
        ("order.stock-pick-rejected.v1", typeof(StockPickRejected)),
        ("order.job-released.v1", typeof(JobReleased)),
        // On the wire between nodes.
        ("order.submit.v1", typeof(SubmitOrder)),
        ("order.retry.v1", typeof(RetryOrder)),
        ("order.record-dispatch.v1", typeof(RecordDispatch)),
        ("order.record-refund.v1", typeof(RecordRefund)),
        ("order.cancel.v1", typeof(CancelOrder)),
        ("order.get-state.v1", typeof(OrderQueries.GetOrderState)),
        ("order.state.v1", typeof(OrderState)),
        ("order.command-result.v1", typeof(OrderCommandResult)),
    ]);
}
