using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Orders;

public enum TrackingStatus { Pending, Done, Parked }

/// <summary>
/// A shipment the sales channel must be told about: a warehouse dispatched (part of) the order, so the channel that
/// sold it gets the shipment with its tracking, once. Independent of the SAP jobs: the customer's tracking does not
/// wait for SAP's invoice, and an SAP outage does not hold it back.
/// </summary>
public sealed record TrackingJob(string DispatchId, TrackingStatus Status = TrackingStatus.Pending, string? ChannelShipmentId = null,
    ExceptionDetails? Exception = null);

/// <summary>
/// Tracking back to the channel, as pure functions. A dispatch is published when someone other than the channel
/// confirmed it (a WMS) and the channel takes shipments; a dispatch the channel itself reported is already there.
/// The publisher makes each attempt idempotent (it looks for the shipment before creating it), so after a timeout
/// the entity simply tries again; a channel that refuses the shipment parks it for customer service.
/// </summary>
public static class TrackingDecisions
{
    /// <summary>Whether a dispatch must be published to the order's channel.</summary>
    public static bool NeedsPublishing(DispatchConfirmation dispatch, bool channelTakesShipments) =>
        channelTakesShipments && dispatch.Source is { } source && !string.Equals(source, dispatch.Channel, StringComparison.OrdinalIgnoreCase);

    /// <summary>The next shipment to publish, with the dispatch it comes from.</summary>
    public static (TrackingJob Job, DispatchConfirmation Dispatch)? NextTracking(this OrderState state) =>
        state.Tracking.FirstOrDefault(t => t.Status == TrackingStatus.Pending) is { } job
            ? (job, state.Dispatches.Single(d => d.Dispatch.DispatchId == job.DispatchId).Dispatch)
            : null;

    public static OrderDecision ProcessTrackingPublished(this OrderState state, string dispatchId, string channelShipmentId, bool alreadyThere, DateTimeOffset now) =>
        IsPending(state, dispatchId)
            ? new([new TrackingPublished(state.OrderId, dispatchId, channelShipmentId, alreadyThere, now)], null, NextStep.None)
            : OrderDecision.Only(NextStep.None);

    public static OrderDecision ProcessTrackingRejected(this OrderState state, string dispatchId, string reason, DateTimeOffset now) =>
        IsPending(state, dispatchId)
            ? new([new TrackingParked(state.OrderId, dispatchId, ExceptionTypes.TrackingRejected(
                $"{state.Order?.Channel ?? "The channel"} refused the shipment for dispatch {dispatchId} of {state.OrderId}: {reason}"), now)], null, NextStep.None)
            : OrderDecision.Only(NextStep.None);

    /// <summary>How long to wait after the <paramref name="attempt"/>-th failed attempt: doubling from 2 s to 5 min, or what the channel asked.</summary>
    public static TimeSpan RetryDelay(int attempt, TimeSpan? channelAsked) =>
        channelAsked ?? TimeSpan.FromSeconds(Math.Min(300, 2 * Math.Pow(2, Math.Min(attempt - 1, 8))));

    /// <summary>An operator's retry of a parked shipment (after fixing it in the channel).</summary>
    public static OrderDecision ReleaseTracking(this OrderState state, TrackingJob job, DateTimeOffset now) =>
        new([new TrackingReleased(state.OrderId, job.DispatchId, now)],
            new OrderCommandResult(state.OrderId, CommandResultCode.Accepted, $"Released the shipment of dispatch {job.DispatchId} for another attempt."), NextStep.None);

    private static bool IsPending(OrderState state, string dispatchId) =>
        state.Tracking.Any(t => t.DispatchId == dispatchId && t.Status == TrackingStatus.Pending);
}
