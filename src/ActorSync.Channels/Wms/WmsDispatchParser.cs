using System.Collections.Immutable;
using System.Globalization;
using ActorSync.Channels.Json;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.Wms;

/// <summary>
/// Dispatch confirmations from a warehouse system, in ActorSync's canonical document (the <c>DispatchConfirmed</c>
/// kind of channels.md §4.5's <c>WmsEvent</c>: Mintsoft's despatch webhook, Peoplevox's <c>TrackingNumberReceived</c>,
/// ShipBob's <c>order.shipped</c> become this):
/// <code>
/// {"source":"mintsoft","dispatches":[{"id":"DSP-1001","channel":"magento","orderId":"000000003",
///   "occurredAt":"2026-11-23T10:00:00Z","carrier":"UPS","trackingNumbers":["1Z999AA10123456784"],
///   "lines":[{"sku":"ITM00001","quantity":1}]}]}
/// </code>
/// Each becomes a <see cref="DispatchConfirmation"/> whose <see cref="DispatchConfirmation.Source"/> is the WMS, so
/// the engine tells the selling channel about the shipment. A dispatch with several parcels passes its first tracking
/// number on (channels take one per shipment).
/// </summary>
public static class WmsDispatchParser
{
    /// <summary>Whether <paramref name="json"/> is a dispatch document (rather than movements).</summary>
    public static bool IsDispatchDocument(string json)
    {
        var root = PayloadNode.Parse(json, WmsMovementParser.Channel);
        return root.IsObject && root.Has("dispatches");
    }

    public static ImmutableList<DispatchConfirmation> Parse(string json)
    {
        var root = PayloadNode.Parse(json, WmsMovementParser.Channel);
        // Stryker disable once Statement : equivalent, OptionalString() checks for an object itself with the same error
        root.RequireObject();
        var source = root.OptionalString("source") ?? WmsMovementParser.Channel;
        var dispatches = ImmutableList.CreateBuilder<DispatchConfirmation>();
        foreach (var d in root.Required("dispatches").Items())
        {
            // Stryker disable once Statement : equivalent, the next Required() checks for an object itself with the same error
            d.RequireObject();
            var lines = d.Required("lines").Items().Select(line =>
            {
                // Stryker disable once Statement : equivalent, RequiredDecimal() checks for an object itself with the same error
                line.RequireObject();
                var quantity = line.RequiredDecimal("quantity");
                if (quantity <= 0)
                    throw line.Required("quantity").Error($"must be positive, was {quantity.ToString(CultureInfo.InvariantCulture)}");
                return new DispatchLine(line.RequiredString("sku"), quantity);
            }).ToImmutableList();
            if (lines.IsEmpty)
                throw d.Required("lines").Error("is empty (a dispatch ships something)");
            var tracking = d.Optional("trackingNumbers")?.Items().Select(t => t.String()).Where(t => t.Length > 0).ToList() ?? [];
            var at = d.RequiredString("occurredAt");
            if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var occurred))
                throw d.Required("occurredAt").Error($"must be an ISO-8601 instant, was \"{at}\"");
            dispatches.Add(new DispatchConfirmation(
                Channel: d.RequiredString("channel").ToLowerInvariant(),
                OrderExternalId: d.Required("orderId").Id(),
                DispatchId: d.Required("id").Id(),
                Lines: lines,
                Date: DateOnly.FromDateTime(occurred.UtcDateTime),
                Carrier: d.OptionalString("carrier"),
                TrackingNumber: tracking.FirstOrDefault(),
                Source: source));
        }
        return dispatches.ToImmutable();
    }
}
