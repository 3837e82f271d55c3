using ActorSync.Channels.Outbound;
using ActorSync.Domain.Orders;
using Akka.Actor;

namespace ActorSync.Engine.Tracking;

/// <summary>
/// An order entity's side conversation with its sales channel: one shipment published at a time, beside (not behind)
/// its SAP work, the answer coming back as a message (PipeTo); after a failure the next attempt waits on a timer,
/// doubling from 2 s to 5 minutes or as long as the channel asked.
/// </summary>
public sealed class ShipmentTracking(ShipmentPublishers publishers)
{
    public sealed record Answered(string DispatchId, ShipmentPublishOutcome Outcome) : INoSerializationVerificationNeeded;

    /// <summary>The wait after a failure is over.</summary>
    public sealed record Due : INoSerializationVerificationNeeded;

    private const string TimerKey = "tracking";
    private int _failures;

    public bool InFlight { get; private set; }

    /// <summary>Whether the channel can be told about shipments at all (a publisher is configured for it).</summary>
    public bool TakesShipments(string channel) => publishers.TryGet(channel, out _);

    /// <summary>Publishes the order's next owed shipment, unless one is under way or waiting out a failure.</summary>
    public void PublishWhenDue(OrderState state, IActorRef self, ITimerScheduler timers)
    {
        if (InFlight || timers.IsTimerActive(TimerKey) || state.NextTracking() is not var (job, dispatch)) return;
        InFlight = true;
        publishers.PublishAsync(ShipmentNotice.From(dispatch), CancellationToken.None).PipeTo(self,
            success: outcome => new Answered(job.DispatchId, outcome),
            failure: ex => new Answered(job.DispatchId, new ShipmentPublishOutcome.Failed(ex.GetBaseException().Message, null)));
    }

    /// <summary>The answer arrived. A failure arms the retry timer and returns how long it waits.</summary>
    public TimeSpan? Finish(ShipmentPublishOutcome outcome, IActorRef self, ITimerScheduler timers)
    {
        InFlight = false;
        if (outcome is not ShipmentPublishOutcome.Failed failed)
        {
            _failures = 0;
            return null;
        }
        var delay = TrackingDecisions.RetryDelay(++_failures, failed.RetryAfter);
        timers.StartSingleTimer(TimerKey, new Due(), delay);
        return delay;
    }
}
