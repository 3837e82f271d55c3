using System.Collections.Immutable;
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
        OrderValidated e => state with { Status = OrderStatus.Validated, Document = e.Document, Exception = null, CustomerToCreate = e.NewCustomer },
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
        JobDeferred e => UpdateJob(state, e.Key, j => j with { LockAttempts = e.LockAttempts, FirstLockAt = j.FirstLockAt ?? e.At }) with { LastProblem = e.Reason },
        JobParked e => UpdateJob(state, e.Key, j => j with { Status = JobStatus.Parked, Exception = e.Exception }) with { LastProblem = e.Exception.Reason },
        StockPicked e => UpdateJob(state, e.Key, j => j with { Picks = e.Picks }),
        StockPickRejected e => UpdateJob(state, e.Key, j => j with { Picks = null, PickRejections = j.PickRejections + 1 }) with { LastProblem = e.Reason },
        // A retry after a fix starts afresh: stock is read and picked again.
        JobReleased e => UpdateJob(state, e.Key, j => j with
        {
            Status = JobStatus.Pending, Exception = null, LockAttempts = 0, FirstLockAt = null, Picks = null, PickRejections = 0,
        }),

        // Shipments owed to the channel.
        TrackingPublished e => UpdateTracking(state, e.DispatchId, t => t with { Status = TrackingStatus.Done, ChannelShipmentId = e.ChannelShipmentId, Exception = null }),
        TrackingParked e => UpdateTracking(state, e.DispatchId, t => t with { Status = TrackingStatus.Parked, Exception = e.Exception }) with { LastProblem = e.Exception.Reason },
        TrackingReleased e => UpdateTracking(state, e.DispatchId, t => t with { Status = TrackingStatus.Pending, Exception = null }),

        _ => throw new ArgumentOutOfRangeException(nameof(evt), evt, "Unknown order event."),
    };

    /// <summary>
    /// Stamps every progress event with whether work is still owed once it has been applied, so the journal alone
    /// tells the unfinished-entities index whom to wake.
    /// </summary>
    public static ImmutableList<IOrderEvent> StampProgress(this OrderState state, ImmutableList<IOrderEvent> events)
    {
        var stamped = ImmutableList.CreateBuilder<IOrderEvent>();
        foreach (var evt in events)
        {
            state = state.ProcessEvent(evt);
            stamped.Add(evt is OrderProgressEvent progress ? (IOrderEvent)(progress with { WorkPending = state.HasUnfinishedWork }) : evt);
        }
        return stamped.ToImmutable();
    }

    private static OrderState Completed(OrderState state, JobCompleted e)
    {
        var job = state.Jobs.Single(j => j.Key == e.Key);
        var next = UpdateJob(state, e.Key, j => j with { Status = JobStatus.Done, DocEntry = e.DocEntry, DocNum = e.DocNum, Exception = null })
            with { Credited = state.Credited.AddRange(e.Credited) };
        var reached = job.Kind switch
        {
            JobKind.Delivery => OrderStatus.Delivered,
            JobKind.Invoice => OrderStatus.Invoiced,
            JobKind.CreditNote => OrderStatus.Refunded,
            _ => OrderStatus.Cancelled,
        };
        // Stages only move forward; a cancellation is final.
        var status = next.Status == OrderStatus.Cancelled || reached == OrderStatus.Cancelled ? OrderStatus.Cancelled
            : reached > next.Status ? reached : next.Status;
        return next with { Status = status };
    }

    private static OrderState UpdateJob(OrderState state, string key, Func<SapJob, SapJob> change)
    {
        var index = state.Jobs.FindIndex(j => j.Key == key);
        return index < 0 ? state : state with { Jobs = state.Jobs.SetItem(index, change(state.Jobs[index])) };
    }

    private static OrderState UpdateTracking(OrderState state, string dispatchId, Func<TrackingJob, TrackingJob> change)
    {
        var index = state.Tracking.FindIndex(t => t.DispatchId == dispatchId);
        return index < 0 ? state : state with { Tracking = state.Tracking.SetItem(index, change(state.Tracking[index])) };
    }
}
