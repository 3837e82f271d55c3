using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Posting;

namespace ActorSync.Domain.Orders;

/// <summary>
/// Where the order stands. Posted, Delivered, Invoiced and Refunded only move forward (a second, partial dispatch does
/// not move an invoiced order back to delivered); Cancelled is final.
/// </summary>
public enum OrderStatus { New, Received, Validated, Posted, Delivered, Invoiced, Refunded, Quarantined, Cancelled }

/// <summary>A dispatch as recorded, with the sales order lines it takes.</summary>
public sealed record RecordedDispatch(DispatchConfirmation Dispatch, ImmutableList<DispatchAllocation> Allocation);

/// <summary>The journaled state of one channel order. Rebuilt from its events; never changed in place.</summary>
public sealed record OrderState
{
    public static OrderState Empty(string orderId) => new() { OrderId = orderId };

    public string OrderId { get; init; } = "";
    public OrderStatus Status { get; init; } = OrderStatus.New;
    public ChannelOrder? Order { get; init; }
    public string? Fingerprint { get; init; }
    public SapDocument? Document { get; init; }
    /// <summary>Where deliveries to the order's further shipping addresses go (an order shipping to several).</summary>
    public ImmutableList<DeliveryDestination>? Destinations { get; init; }
    public int? DocEntry { get; init; }
    public int? DocNum { get; init; }
    public int LockAttempts { get; init; }
    public DateTimeOffset? FirstLockAt { get; init; }
    public string? LastProblem { get; init; }
    public ExceptionDetails? Exception { get; init; }
    public DateTimeOffset? ReceivedAt { get; init; }
    public DateTimeOffset? PostedAt { get; init; }

    /// <summary>Follow-up SAP work, run strictly in this order.</summary>
    public ImmutableList<SapJob> Jobs { get; init; } = [];
    public ImmutableList<RecordedDispatch> Dispatches { get; init; } = [];
    /// <summary>Shipments the channel must be told about (dispatches a warehouse confirmed).</summary>
    public ImmutableList<TrackingJob> Tracking { get; init; } = [];
    public ImmutableList<RefundRequest> Refunds { get; init; } = [];
    /// <summary>Invoice lines already credited, across all credit notes posted.</summary>
    public ImmutableList<CreditAllocation> Credited { get; init; } = [];
    public OrderCancellation? Cancellation { get; init; }
    /// <summary>A business partner the sales order needs created first; null once it exists or when none is needed.</summary>
    public SapBusinessPartner? CustomerToCreate { get; init; }

    public bool IsEmpty => Status == OrderStatus.New;

    /// <summary>The sales order itself is in SAP (whatever happened to it since).</summary>
    public bool SalesOrderPosted => DocEntry is not null;

    /// <summary>
    /// The order's money once any was reported or planned (null before: every order journaled before payments existed
    /// reads, replays and shows exactly as it did). Read it through <c>ReportedPayments()</c> and <c>PlannedPayments()</c>.
    /// </summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public Payments.OrderMoney? Money { get; init; }

    /// <summary>
    /// The next job to run, or null when there is none or the next one is parked (jobs never overtake each other). A
    /// parked payment is the one exception: it waits for finance without holding back the deliveries, invoices and
    /// credit notes behind it (each payment comes after the document it settles, so it never overtakes that).
    /// </summary>
    public SapJob? NextJob => SalesOrderPosted && Jobs.FirstOrDefault(j => j.Status != JobStatus.Done && !(j.IsPayment() && j.Status == JobStatus.Parked)) is { Status: JobStatus.Pending } job ? job : null;

    /// <summary>The engine still owes this order something: its check (waiting for master data), the sales order, a runnable job, or a shipment the channel is owed.</summary>
    public bool HasUnfinishedWork => Status is OrderStatus.Received or OrderStatus.Validated || NextJob is not null || Tracking.Any(t => t.Status == TrackingStatus.Pending);

    /// <summary>Something of the order waits for an operator: the order itself, a SAP job, or a shipment the channel refused.</summary>
    public bool HasParkedWork => Status == OrderStatus.Quarantined || Jobs.Any(j => j.Status == JobStatus.Parked) || Tracking.Any(t => t.Status == TrackingStatus.Parked);

    /// <summary>Logs print the shape, not the whole payload.</summary>
    private bool PrintMembers(System.Text.StringBuilder builder)
    {
        builder.Append($"OrderId = {OrderId}, Status = {Status}, DocEntry = {DocEntry}, LockAttempts = {LockAttempts}, Jobs = {Jobs.Count}");
        return true;
    }
}
