using ActorSync.Domain.Payments;
using Akka.Persistence.Journal;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Engine.Orders;

/// <summary>
/// Tags the events that can move an order into or out of "owes SAP some work" (each carries
/// <see cref="OrderProgressEvent.WorkPending"/>), so the unfinished-entities index finds the orders to wake after a
/// restart with one tag query instead of replaying every journal.
/// </summary>
public sealed class OrderEventTagger : IWriteEventAdapter
{
    public const string ProgressTag = "order-progress";

    public string Manifest(object evt) => string.Empty;

    /// <remarks>
    /// Events that say money moved on a day (an order with payments, a payment reported, a refund paid back) also carry
    /// that channel's day tag (<see cref="PaymentReconciliation.DayTag"/>), so a day's reconciliation reads that day only.
    /// </remarks>
    public object ToJournal(object evt)
    {
        var day = evt is IOrderEvent orderEvent ? PaymentReconciliation.DayTagOf(orderEvent) : null;
        return (evt, day) switch
        {
            (OrderProgressEvent, null) => new Tagged(evt, [ProgressTag]),
            (OrderProgressEvent, _) => new Tagged(evt, [ProgressTag, day]),
            (_, not null) => new Tagged(evt, [day]),
            _ => evt,
        };
    }
}
