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

    public object ToJournal(object evt) => evt switch
    {
        OrderProgressEvent => new Tagged(evt, [ProgressTag]),
        _ => evt,
    };
}
