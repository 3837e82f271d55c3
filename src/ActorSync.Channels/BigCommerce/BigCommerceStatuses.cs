using System.Collections.Immutable;
using ActorSync.Channels.Json;

namespace ActorSync.Channels.BigCommerce;

/// <summary>
/// BigCommerce order status ids (channels.md §2.4, fixture <c>bigcommerce/v2_order_statuses.json</c>) and what the
/// engine does with an order in each. Incomplete (0) orders fire <c>store/order/created</c> too (§5.2), so they wait.
/// Awaiting Payment (7) posts like Magento's <c>new</c>: offline methods (cash, bank deposit) sit there until paid,
/// and a sales order claims no payment.
/// </summary>
public static class BigCommerceStatuses
{
    public static readonly ImmutableDictionary<int, string> Names = new Dictionary<int, string>
    {
        [0] = "Incomplete", [1] = "Pending", [2] = "Shipped", [3] = "Partially Shipped", [4] = "Refunded", [5] = "Cancelled",
        [6] = "Declined", [7] = "Awaiting Payment", [8] = "Awaiting Pickup", [9] = "Awaiting Shipment", [10] = "Completed",
        [11] = "Awaiting Fulfillment", [12] = "Manual Verification Required", [13] = "Disputed", [14] = "Partially Refunded",
    }.ToImmutableDictionary();

    public static OrderReadiness ReadinessOf(int statusId)
    {
        var said = $"status {statusId} ({Names.GetValueOrDefault(statusId, "unknown")})";
        return statusId switch
        {
            0 => new OrderReadiness(OrderAction.Hold, $"{said}: checkout not finished; posts when the status moves on"),
            1 => new OrderReadiness(OrderAction.Hold, $"{said}: checkout started but not completed"),
            12 => new OrderReadiness(OrderAction.Hold, $"{said}: on hold until the merchant verifies it"),
            5 or 6 => new OrderReadiness(OrderAction.Cancel, $"{said}: the order will not be fulfilled"),
            2 or 3 or 4 or 7 or 8 or 9 or 10 or 11 or 13 or 14 => new OrderReadiness(OrderAction.Post, $"{said}: the order stands"),
            _ => new OrderReadiness(OrderAction.Hold, $"{said}: unknown status, waiting for one the engine knows"),
        };
    }

    /// <summary>A status row of <c>GET /v2/order_statuses</c>.</summary>
    public sealed record StatusRow(int Id, string Name, string? CustomLabel, OrderReadiness Readiness);

    public static ImmutableList<StatusRow> ParseStatusList(string json) =>
        PayloadNode.Parse(json, BigCommerceOrderParser.Channel).Items()
            .Select(s =>
            {
                var id = s.RequiredInt("id");
                return new StatusRow(id, s.RequiredString("name"), s.OptionalString("custom_label"), ReadinessOf(id));
            })
            .ToImmutableList();
}
