using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Posting;

namespace ActorSync.Domain.Orders;

/// <summary>Everything addressed to one order carries its entity id (<see cref="OrderKey.EntityId"/>).</summary>
public interface IWithOrderId
{
    string OrderId { get; }
}

public static class OrderCommands
{
    public interface IOrderCommand : IWithOrderId;

    /// <summary>A channel reported an order. Idempotent: the same order delivered twice is accepted once.</summary>
    public sealed record SubmitOrder(string OrderId, ChannelOrder Order) : IOrderCommand;

    /// <summary>An operator asks a quarantined order, or its parked piece of SAP work, to try again (after a fix).</summary>
    public sealed record RetryOrder(string OrderId) : IOrderCommand;

    /// <summary>(Part of) the order was dispatched. Idempotent per dispatch id.</summary>
    public sealed record RecordDispatch(string OrderId, DispatchConfirmation Dispatch) : IOrderCommand;

    /// <summary>The channel refunded (part of) the order. Idempotent per refund id: never a second credit note.</summary>
    public sealed record RecordRefund(string OrderId, RefundRequest Refund) : IOrderCommand;

    /// <summary>The channel cancelled the order.</summary>
    public sealed record CancelOrder(string OrderId, OrderCancellation Cancellation) : IOrderCommand;
}

public static class OrderQueries
{
    public sealed record GetOrderState(string OrderId) : IWithOrderId;

    /// <summary>The state and what the order waits for now (answered with <see cref="OrderProgress"/>).</summary>
    public sealed record GetOrderProgress(string OrderId) : IWithOrderId;
}

/// <summary>An order as the ops API shows it: its journaled state and, while unfinished, what it waits for.</summary>
public sealed record OrderProgress(OrderState Order, Posting.WaitingOn? Waiting);

public static class OrderEvents
{
    public interface IOrderEvent : IWithOrderId, Journal.IJournaled;

    /// <summary>
    /// Events that can change whether the order still owes SAP some work. <see cref="WorkPending"/> is stamped by
    /// <see cref="OrderEvolution.StampProgress"/> with the state after the event, so the unfinished-entities index can
    /// tell from the latest such event alone whether the order must be woken after a restart.
    /// </summary>
    public abstract record OrderProgressEvent
    {
        public bool WorkPending { get; init; }
    }

    public sealed record OrderReceived(string OrderId, ChannelOrder Order, string Fingerprint, DateTimeOffset At) : IOrderEvent;

    public sealed record OrderValidated(string OrderId, SapDocument Document, DateTimeOffset At) : OrderProgressEvent, IOrderEvent
    {
        /// <summary>A business partner to create before the sales order, when the customer is new to SAP.</summary>
        public SapBusinessPartner? NewCustomer { get; init; }

        /// <summary>Where deliveries to the order's further shipping addresses go, when it ships to several.</summary>
        public ImmutableList<DeliveryDestination>? Destinations { get; init; }
    }

    /// <summary>
    /// The channel delivered the order again with other addresses while it was parked and not in SAP: the correction
    /// replaces the journaled order (its content is otherwise the same, see <see cref="OrderRedelivery"/>), which is
    /// checked again.
    /// </summary>
    public sealed record OrderCorrected(string OrderId, ChannelOrder Order, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>The new customer's business partner exists in SAP (created now, or found already there).</summary>
    public sealed record CustomerCreated(string OrderId, string CardCode, bool AlreadyExisted, DateTimeOffset At) : IOrderEvent;

    public sealed record OrderQuarantined(string OrderId, ExceptionDetails Exception, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>SAP answered that records were locked; the order waits and tries again.</summary>
    public sealed record PostingDeferred(string OrderId, string Reason, int LockAttempts, DateTimeOffset At) : IOrderEvent;

    public sealed record OrderPosted(string OrderId, int DocEntry, int DocNum, bool FoundByLookup, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>An operator released the order from quarantine to try again.</summary>
    public sealed record QuarantineReleased(string OrderId, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>A dispatch was recorded, with the sales order lines it takes; a delivery and an invoice are now owed.</summary>
    public sealed record DispatchRecorded(string OrderId, DispatchConfirmation Dispatch, ImmutableList<DispatchAllocation> Allocation, DateTimeOffset At) : OrderProgressEvent, IOrderEvent
    {
        /// <summary>The channel must be told about this shipment (a warehouse confirmed it, and the channel takes shipments).</summary>
        public bool PublishToChannel { get; init; }
    }

    /// <summary>The channel has the shipment (created now, or found from an earlier attempt).</summary>
    public sealed record TrackingPublished(string OrderId, string DispatchId, string ChannelShipmentId, bool AlreadyThere, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>The channel refused the shipment; parked for customer service.</summary>
    public sealed record TrackingParked(string OrderId, string DispatchId, ExceptionDetails Exception, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>An operator released a parked shipment for another attempt.</summary>
    public sealed record TrackingReleased(string OrderId, string DispatchId, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>A refund was recorded; a credit note is owed (or parked at once when nothing it could credit was dispatched).</summary>
    public sealed record RefundRecorded(string OrderId, RefundRequest Refund, ExceptionDetails? ParkedBecause, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>A cancellation was recorded; <see cref="Job"/> says what SAP must do (cancel, or close after a partial dispatch), if anything.</summary>
    public sealed record CancellationRecorded(string OrderId, OrderCancellation Cancellation, JobKind? Job, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>Cancelled before any sales order reached SAP: nothing to undo there.</summary>
    public sealed record OrderCancelled(string OrderId, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    public sealed record JobCompleted(string OrderId, string Key, int? DocEntry, int? DocNum, ImmutableList<CreditAllocation> Credited, bool FoundByLookup, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    public sealed record JobDeferred(string OrderId, string Key, string Reason, int LockAttempts, DateTimeOffset At) : IOrderEvent;

    public sealed record JobParked(string OrderId, string Key, ExceptionDetails Exception, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;

    /// <summary>A parked shipping-only refund was planned again after a mapping fix: where it is credited.</summary>
    public sealed record ShippingCreditPlanned(string OrderId, string RefundId, ShippingCredit Credit, DateTimeOffset At) : IOrderEvent;

    /// <summary>The batches and serials a delivery takes, chosen from what SAP held just before it posted.</summary>
    public sealed record StockPicked(string OrderId, string Key, ImmutableList<LinePick> Picks, DateTimeOffset At) : IOrderEvent;

    /// <summary>SAP refused the delivery as picked (most often: another document emptied a batch first); pick again from fresh stock.</summary>
    public sealed record StockPickRejected(string OrderId, string Key, string Reason, DateTimeOffset At) : IOrderEvent;

    public sealed record JobReleased(string OrderId, string Key, DateTimeOffset At) : OrderProgressEvent, IOrderEvent;
}

/// <summary>The one reply to any order command.</summary>
public sealed record OrderCommandResult(string OrderId, CommandResultCode Code, string Message)
{
    public bool IsError => Code is CommandResultCode.Rejected or CommandResultCode.NotFound;
}
