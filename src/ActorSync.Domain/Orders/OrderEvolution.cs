using System.Collections.Immutable;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Orders;

/// <summary>
/// How an order's events change its state: one function for every event, whether it comes from the sales order, its
/// fulfilment or its tracking, so replay (recovery, the golden journals) and live decisions apply events alike. The
/// decisions (<see cref="OrderDecisions"/>, <see cref="FulfilmentDecisions"/>, <see cref="TrackingDecisions"/>) only
/// decide which events to journal.
/// </summary>
public static class OrderEvolution
{
    public static OrderState ProcessEvent(this OrderState state, IOrderEvent evt) => evt switch
    {
        // The sales order.
        OrderReceived e => state with { Status = OrderStatus.Received, Order = e.Order, Fingerprint = e.Fingerprint, ReceivedAt = e.At },
        OrderValidated e => state with { Status = OrderStatus.Validated, Document = e.Document, Exception = null, CustomerToCreate = e.NewCustomer, Destinations = e.Destinations },
        OrderCorrected e => state with { Status = OrderStatus.Received, Order = e.Order, Exception = null, LockAttempts = 0, FirstLockAt = null },
        CustomerCreated => state with { CustomerToCreate = null },
        OrderQuarantined e => state with { Status = OrderStatus.Quarantined, Exception = e.Exception, LastProblem = e.Exception.Reason },
        PostingDeferred e => state with { LockAttempts = e.LockAttempts, FirstLockAt = state.FirstLockAt ?? e.At, LastProblem = e.Reason },
        OrderPosted e => state with { Status = OrderStatus.Posted, DocEntry = e.DocEntry, DocNum = e.DocNum, PostedAt = e.At, Exception = null },
        QuarantineReleased => state with { LockAttempts = 0, FirstLockAt = null, Exception = null },

        // What the order owes after it: dispatches, refunds, a cancellation, and the jobs they make.
        DispatchRecorded e => state with
        {
            Dispatches = state.Dispatches.Add(new RecordedDispatch(e.Dispatch, e.Allocation)),
            Tracking = e.PublishToChannel ? state.Tracking.Add(new TrackingJob(e.Dispatch.DispatchId)) : state.Tracking,
            Jobs = state.Jobs
                .Add(new SapJob(SapJob.DeliveryKey(e.Dispatch.DispatchId), JobKind.Delivery, e.Dispatch.DispatchId))
                .Add(new SapJob(SapJob.InvoiceKey(e.Dispatch.DispatchId), JobKind.Invoice, e.Dispatch.DispatchId)),
        },
        RefundRecorded e => state with
        {
            Refunds = state.Refunds.Add(e.Refund),
            Jobs = state.Jobs.Add(new SapJob(SapJob.CreditKey(e.Refund.RefundId), JobKind.CreditNote, e.Refund.RefundId,
                e.ParkedBecause is null ? JobStatus.Pending : JobStatus.Parked, Exception: e.ParkedBecause)),
        },
        ShippingCreditPlanned e => state with { Refunds = state.Refunds.Select(r => r.RefundId == e.RefundId ? r with { ShippingCredit = e.Credit } : r).ToImmutableList() },
        CancellationRecorded e => state with
        {
            Cancellation = e.Cancellation,
            Jobs = e.Job is { } kind ? state.Jobs.Add(new SapJob(SapJob.CancelKey, kind, "")) : state.Jobs,
        },
        OrderCancelled => state with { Status = OrderStatus.Cancelled, Jobs = state.Jobs.RemoveAll(j => j.Key == SapJob.CancelKey) },
        JobCompleted e => Completed(state, e),
        JobDeferred e => state with { Jobs = state.Jobs.Defer(e.Key, e.LockAttempts, e.At), LastProblem = e.Reason },
        JobParked e => state with { Jobs = state.Jobs.Park(e.Key, e.Exception), LastProblem = e.Exception.Reason },
        StockPicked e => state with { Jobs = state.Jobs.Picked(e.Key, e.Picks) },
        StockPickRejected e => state with { Jobs = state.Jobs.PickRefused(e.Key), LastProblem = e.Reason },
        JobReleased e => state with { Jobs = state.Jobs.Release(e.Key) },

        // Money: payments reported and payment documents planned (Payments/PaymentEvolution).
        Payments.PaymentEvents.IPaymentEvent e => state.ProcessPaymentEvent(e),

        // Shipments owed to the channel.
        TrackingPublished e => UpdateTracking(state, e.DispatchId, t => t with { Status = TrackingStatus.Done, ChannelShipmentId = e.ChannelShipmentId, Exception = null }),
        TrackingParked e => UpdateTracking(state, e.DispatchId, t => t with { Status = TrackingStatus.Parked, Exception = e.Exception }) with { LastProblem = e.Exception.Reason },
        TrackingReleased e => UpdateTracking(state, e.DispatchId, t => t with { Status = TrackingStatus.Pending, Exception = null }),

        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown order event."),
    };

    /// <summary>Stamps every progress event with whether work is still owed once it has been applied (<see cref="ProgressStamps"/>).</summary>
    public static ImmutableList<IOrderEvent> StampProgress(this OrderState state, ImmutableList<IOrderEvent> events) =>
        ProgressStamps.Stamp(state, events, ProcessEvent, s => s.HasUnfinishedWork, (e, pending) => e is OrderProgressEvent p ? (IOrderEvent)(p with { WorkPending = pending }) : e);

    private static OrderState Completed(OrderState state, JobCompleted e)
    {
        // Stryker disable once Linq : equivalent, a job is completed only once it was planned; a missing one throws either way
        var job = state.Jobs.Single(j => j.Key == e.Key);
        var next = state with { Jobs = state.Jobs.Complete(e.Key, e.DocEntry, e.DocNum), Credited = state.Credited.AddRange(e.Credited) };
        var reached = job.Kind switch
        {
            JobKind.Delivery => OrderStatus.Delivered,
            JobKind.Invoice => OrderStatus.Invoiced,
            JobKind.CreditNote => OrderStatus.Refunded,
            // A payment settles a document and a down payment asks for money already taken: neither is a new stage.
            JobKind.IncomingPayment or JobKind.RefundPayment or JobKind.DownPayment => next.Status,
            _ => OrderStatus.Cancelled,
        };
        // Stages only move forward; a cancellation is final.
        // Stryker disable once Logical : equivalent, Cancelled is the last status, so the later of the two stages is Cancelled whenever either is
        var status = next.Status == OrderStatus.Cancelled || reached == OrderStatus.Cancelled ? OrderStatus.Cancelled
            : reached > next.Status ? reached : next.Status;
        return next with { Status = status };
    }

    private static OrderState UpdateTracking(OrderState state, string dispatchId, Func<TrackingJob, TrackingJob> change)
    {
        var index = state.Tracking.FindIndex(t => t.DispatchId == dispatchId);
        return index < 0 ? state : state with { Tracking = state.Tracking.SetItem(index, change(state.Tracking[index])) };
    }
}
