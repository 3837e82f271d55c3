using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;

namespace ActorSync.Domain.Payments;

public static class PaymentCommands
{
    /// <summary>The channel, the PSP or an operator reports money for an order (cash on delivery collected, a transfer arrived). Idempotent per payment id.</summary>
    public sealed record RecordPayment(string OrderId, PaymentReport Payment) : OrderCommands.IOrderCommand;
}

/// <summary>The order's payment events: journaled in the order's own journal, written by <see cref="PaymentJournal"/>.</summary>
public static class PaymentEvents
{
    public interface IPaymentEvent : OrderEvents.IOrderEvent;

    /// <summary>Money was reported for the order after it arrived.</summary>
    public sealed record PaymentReported(string OrderId, PaymentReport Payment, DateTimeOffset At) : OrderEvents.OrderProgressEvent, IPaymentEvent;

    /// <summary>A payment document is owed to SAP (or parked at once, for finance, when its method has no account).</summary>
    public sealed record PaymentPlanned(string OrderId, PlannedPayment Payment, ExceptionDetails? ParkedBecause, DateTimeOffset At) : OrderEvents.OrderProgressEvent, IPaymentEvent;

    /// <summary>An A/R down payment invoice is owed to SAP for money captured at checkout (its incoming payment is planned beside it).</summary>
    public sealed record DownPaymentPlanned(string OrderId, PlannedDownPayment DownPayment, DateTimeOffset At) : OrderEvents.OrderProgressEvent, IPaymentEvent;

    /// <summary>A payment parked for want of a mapping found its account when it was retried.</summary>
    public sealed record PaymentAccountResolved(string OrderId, string Key, string Account, PaymentMeans Means, DateTimeOffset At) : IPaymentEvent;
}
