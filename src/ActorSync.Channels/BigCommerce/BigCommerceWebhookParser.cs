using System.Collections.Immutable;
using ActorSync.Channels.Json;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.BigCommerce;

/// <summary>
/// A BigCommerce webhook callback (channels.md §2.3; fixtures <c>bigcommerce/store_*.json</c>). The envelope is
/// <c>scope, store_id, data{type, id, …}, hash, created_at, producer</c>; <c>hash</c> is the same when one event is
/// delivered twice, so it is the idempotency key.
/// </summary>
public sealed record BigCommerceWebhook(
    string Scope,
    string StoreId,
    string DataType,
    string Id,
    string Hash,
    DateTimeOffset CreatedAt,
    string? OrderId = null,
    string? RefundId = null,
    int? PreviousStatusId = null,
    int? NewStatusId = null,
    BigCommerceInventoryChange? Inventory = null,
    string? Producer = null);

/// <summary><c>data.inventory</c> of the inventory scopes.</summary>
public sealed record BigCommerceInventoryChange(string ProductId, string? VariantId, string Method, decimal Value);

/// <summary>What a webhook makes the engine do: fetch and build, cancel at once, or nothing for SAP.</summary>
public sealed record WebhookOutcome(OrderAction Action, string What, FetchPlan? Fetch = null, OrderCancellation? Cancellation = null);

public static class BigCommerceWebhookParser
{
    public static BigCommerceWebhook Parse(string json)
    {
        var root = PayloadNode.Parse(json, BigCommerceOrderParser.Channel).RequireObject();
        var scope = root.RequiredString("scope");
        var data = root.Required("data").RequireObject();
        var status = data.Optional("status");
        var inventory = data.Optional("inventory");
        var type = data.RequiredString("type");
        return new BigCommerceWebhook(
            Scope: scope,
            StoreId: root.Required("store_id").Id(),
            DataType: type,
            Id: data.Required("id").Id(),
            Hash: root.RequiredString("hash"),
            CreatedAt: root.Required("created_at").UnixTime(),
            // Shipment callbacks name their order in camelCase (data.orderId), unlike every other field (§2.3).
            OrderId: type == "shipment" ? data.Required("orderId").Id() : type == "order" ? data.Required("id").Id() : null,
            RefundId: scope == "store/order/refund/created" ? data.Required("refund").Required("refund_id").Id() : null,
            PreviousStatusId: status?.OptionalInt("previous_status_id"),
            NewStatusId: status?.RequiredInt("new_status_id"),
            Inventory: inventory is { } inv
                ? new BigCommerceInventoryChange(inv.Required("product_id").Id(), inv.Optional("variant_id")?.Id(), inv.RequiredString("method"), inv.RequiredDecimal("value"))
                : null,
            Producer: root.OptionalString("producer"));
    }

    /// <summary>
    /// The inbox key of a callback: scope, <c>hash</c> and <c>created_at</c>. The hash alone is not enough: it is the
    /// SHA-1 of <c>data</c>, which for <c>store/order/created</c> and every later <c>store/order/updated</c> of one
    /// order is the same <c>{"type":"order","id":250}</c> (the fixtures show it: both carry dd70c097…), so keying on
    /// it would drop every update. A retried delivery repeats all three and is recognised.
    /// </summary>
    public static string InboxKey(BigCommerceWebhook hook) =>
        $"{hook.Scope}:{hook.Hash}:{hook.CreatedAt.ToUnixTimeSeconds()}";

    /// <summary>The webhook-shaped entry the reconciling poll files for an order it found (one processing path for both).</summary>
    public static string ForPolledOrder(string storeHash, string storeId, string orderId, DateTimeOffset modified) =>
        new System.Text.Json.Nodes.JsonObject
        {
            ["scope"] = "store/order/updated",
            ["store_id"] = storeId,
            ["data"] = new System.Text.Json.Nodes.JsonObject { ["type"] = "order", ["id"] = long.Parse(orderId, System.Globalization.CultureInfo.InvariantCulture) },
            ["hash"] = $"poll-{orderId}-{modified.ToUnixTimeSeconds()}",
            ["created_at"] = modified.ToUnixTimeSeconds(),
            ["producer"] = $"stores/{storeHash}",
        }.ToJsonString();

    /// <summary>Does the scope concern orders, refunds or shipments (what the inbound connector takes)?</summary>
    public static bool IsInbound(string scope) =>
        scope.StartsWith("store/order/", StringComparison.Ordinal) || scope.StartsWith("store/shipment/", StringComparison.Ordinal);

    /// <summary>
    /// The payload only identifies the record, so the engine fetches it (§2.3: "fetch the resource afterwards"). A
    /// status change to Cancelled or Declined is the one case the callback itself settles.
    /// </summary>
    public static WebhookOutcome Decide(BigCommerceWebhook hook)
    {
        const string channel = BigCommerceOrderParser.Channel;
        var orderReads = (string id) => ImmutableList.Create($"GET /v2/orders/{id}", $"GET /v2/orders/{id}/products", $"GET /v2/orders/{id}/shipping_addresses");
        switch (hook.Scope)
        {
            case "store/order/created":
                return new WebhookOutcome(OrderAction.Post, $"Order {hook.Id} was created.",
                    new FetchPlan(channel, $"order {hook.Id}", orderReads(hook.Id),
                        "A ChannelOrder, gated on its status (Incomplete/Pending wait), then a Sales Order (Orders) keyed BIGCOMMERCE-" + hook.Id + "."));
            case "store/order/updated":
                return new WebhookOutcome(OrderAction.Post, $"Order {hook.Id} changed.",
                    new FetchPlan(channel, $"order {hook.Id}", orderReads(hook.Id),
                        "The ChannelOrder again: same content is a duplicate (no-op), a cancelled status closes the sales order, other changes are reported as a conflict."));
            case "store/order/statusUpdated":
            {
                var next = hook.NewStatusId ?? -1;
                var readiness = BigCommerceStatuses.ReadinessOf(next);
                var change = $"Order {hook.Id} went from status {Describe(hook.PreviousStatusId)} to {Describe(next)}.";
                return readiness.Action switch
                {
                    OrderAction.Cancel => new WebhookOutcome(OrderAction.Cancel, change,
                        Cancellation: new OrderCancellation(channel, hook.Id, readiness.Reason)),
                    OrderAction.Post => new WebhookOutcome(OrderAction.Post, change,
                        new FetchPlan(channel, $"order {hook.Id}", orderReads(hook.Id), "A ChannelOrder and its Sales Order, unless already posted.")),
                    _ => new WebhookOutcome(readiness.Action, $"{change} {readiness.Reason}."),
                };
            }

            case "store/order/archived":
                return new WebhookOutcome(OrderAction.Ignore, $"Order {hook.Id} was archived in the control panel; SAP keeps its documents.");
            case "store/order/refund/created":
                return new WebhookOutcome(OrderAction.Post, $"Refund {hook.RefundId} was made on order {hook.Id}.",
                    new FetchPlan(channel, $"refund {hook.RefundId} of order {hook.Id}",
                        [$"GET /v3/orders/{hook.Id}/payment_actions/refunds", $"GET /v2/orders/{hook.Id}/products"],
                        $"A RefundRequest (refund {hook.RefundId}, SKUs from the order products), then an A/R Credit Note based on the order's invoice (BaseType 13), never twice for one refund id."));
            case "store/shipment/created":
            case "store/shipment/updated":
                return new WebhookOutcome(OrderAction.Post, $"Shipment {hook.Id} of order {hook.OrderId} was {(hook.Scope.EndsWith("created", StringComparison.Ordinal) ? "created" : "updated")}.",
                    new FetchPlan(channel, $"shipment {hook.Id} of order {hook.OrderId}",
                        [$"GET /v2/orders/{hook.OrderId}/shipments/{hook.Id}", $"GET /v2/orders/{hook.OrderId}/products"],
                        "A DispatchConfirmation (tracking included), then a Delivery based on the sales order (BaseType 17) and an A/R Invoice based on the delivery (BaseType 15)."));
            case "store/shipment/deleted":
                return new WebhookOutcome(OrderAction.Hold, $"Shipment {hook.Id} of order {hook.OrderId} was deleted: a posted delivery is not reversed automatically; the engine reports it for operations.");
            case "store/product/inventory/updated":
            case "store/sku/inventory/updated":
                return new WebhookOutcome(OrderAction.Ignore,
                    $"BigCommerce stock of {hook.DataType} {hook.Id} was set ({hook.Inventory?.Method} {hook.Inventory?.Value}). SAP is the stock master (DESIGN.md: stock flows SAP to channels), " +
                    "so nothing is posted; the engine compares it with what it last published and republishes SAP's figure when they differ.");
            case "store/product/inventory/order/updated":
            case "store/sku/inventory/order/updated":
                return new WebhookOutcome(OrderAction.Ignore,
                    $"BigCommerce stock of {hook.DataType} {hook.Id} moved because of an order; the order's own webhooks carry it to SAP.");
            default:
                return new WebhookOutcome(OrderAction.Ignore, $"Scope {hook.Scope} has no handler; nothing for SAP.");
        }
    }

    private static string Describe(int? statusId) =>
        statusId is { } id ? $"{id} ({BigCommerceStatuses.Names.GetValueOrDefault(id, "unknown")})" : "?";
}
