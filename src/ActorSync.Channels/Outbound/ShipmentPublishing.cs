using System.Collections.Immutable;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.Outbound;

/// <summary>
/// A dispatch the warehouse confirmed, to be recorded as a shipment (with tracking) in the channel that sold the
/// order. <see cref="DispatchId"/> makes publishing idempotent: it is written into the channel's shipment
/// (<see cref="ShipmentMarker"/>) and looked for before any shipment is created.
/// </summary>
/// <param name="Channel">"magento", "bigcommerce", … (the order's channel).</param>
/// <param name="OrderExternalId">The channel's order id as ActorSync keys it: Magento <c>increment_id</c>, BigCommerce order <c>id</c>.</param>
/// <param name="DispatchId">The warehouse's id of this dispatch.</param>
/// <param name="Lines">SKUs and quantities that left; the same SKU twice is added up.</param>
/// <param name="Carrier">Carrier as the warehouse names it ("UPS", "DHL Express", "PostNord"); null when unknown.</param>
/// <param name="TrackingNumber">Null when the parcel has none.</param>
public sealed record ShipmentNotice(
    string Channel,
    string OrderExternalId,
    string DispatchId,
    ImmutableList<DispatchLine> Lines,
    string? Carrier,
    string? TrackingNumber)
{
    public static ShipmentNotice From(DispatchConfirmation dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        return new ShipmentNotice(dispatch.Channel, dispatch.OrderExternalId, dispatch.DispatchId, dispatch.Lines, dispatch.Carrier, dispatch.TrackingNumber);
    }
}

/// <summary>How one publish attempt ended. Reasons name the channel and the problem, never the access token.</summary>
public abstract record ShipmentPublishOutcome
{
    private ShipmentPublishOutcome()
    {
    }

    /// <summary>The shipment exists in the channel.</summary>
    /// <param name="ChannelShipmentId">Magento shipment <c>entity_id</c>, BigCommerce shipment <c>id</c>.</param>
    /// <param name="AlreadyThere">An earlier attempt had created it (its answer was lost); nothing was created now.</param>
    public sealed record Published(string ChannelShipmentId, bool AlreadyThere) : ShipmentPublishOutcome;

    /// <summary>Permanent until someone changes something: unknown order, SKU not on the order, over-shipping, a
    /// validation error from the channel, a refused token. Sending the same notice again gives the same answer.</summary>
    public sealed record Rejected(string Reason) : ShipmentPublishOutcome;

    /// <summary>Transient: timeout, network, 5xx, 429. Try again later (after <see cref="RetryAfter"/> when the
    /// channel said how long); the next attempt finds a shipment this one may have created.</summary>
    public sealed record Failed(string Reason, TimeSpan? RetryAfter) : ShipmentPublishOutcome;
}

/// <summary>Creates the shipment for a <see cref="ShipmentNotice"/> in one channel, at most once per dispatch.</summary>
public interface IShipmentPublisher
{
    /// <summary>The channel name this publisher serves, as in <see cref="ShipmentNotice.Channel"/>.</summary>
    string Channel { get; }

    /// <summary>
    /// Looks for a shipment carrying the dispatch id first; creates one only when there is none. Never throws for
    /// anything the channel or the network does: every such problem is an outcome. Throws
    /// <see cref="OperationCanceledException"/> when <paramref name="ct"/> is cancelled; a shipment POST cut off that
    /// way may have been created, which the next call finds.
    /// </summary>
    Task<ShipmentPublishOutcome> PublishAsync(ShipmentNotice notice, CancellationToken ct);
}
