using System.Globalization;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels.Magento;

namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>
/// The store's order list by modification (<c>GET /v2/orders?min_date_modified=…&amp;sort=date_modified:asc</c>, the
/// reconciling poll's read), its refunds (<c>GET /v3/orders/{id}/payment_actions/refunds</c>, channels.md §2.6) and
/// the status changes the control API makes (cancel, refund).
/// </summary>
internal sealed partial class BigCommerceStore
{
    private readonly Dictionary<long, List<JsonObject>> _refunds = [];
    private long _nextRefundId = 1;

    /// <summary>Orders modified at or after <paramref name="minModified"/>, by <c>date_modified</c> then id; 204 when the page is empty.</summary>
    public BigCommerceReply ListOrders(DateTimeOffset? minModified, int page, int limit)
    {
        lock (_lock)
        {
            var rows = _orders.Values.Select(r => (Order: r.Order, Modified: ModifiedOf(r.Order)))
                .Where(r => minModified is null || r.Modified >= minModified)
                .OrderBy(r => r.Modified).ThenBy(r => MagentoStore.Long(r.Order["id"]))
                .Skip((page - 1) * limit).Take(limit).Select(r => (JsonNode)r.Order.DeepClone()).ToArray();
            return rows.Length == 0 ? new BigCommerceReply(204, null) : new BigCommerceReply(200, new JsonArray(rows).ToJsonString());
        }
    }

    private static DateTimeOffset ModifiedOf(JsonObject order)
    {
        var text = (order["date_modified"] ?? order["date_created"])?.GetValue<string>();
        return text is not null && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : DateTimeOffset.MinValue;
    }

    /// <summary><c>{"data":[refunds]}</c> of an order (an empty list when it has none, as V3 answers).</summary>
    public BigCommerceReply GetRefunds(long orderId)
    {
        lock (_lock)
        {
            if (!_orders.ContainsKey(orderId)) return NotFound;
            var rows = _refunds.GetValueOrDefault(orderId) ?? [];
            return new BigCommerceReply(200, new JsonObject
            {
                ["data"] = new JsonArray(rows.Select(r => (JsonNode)r.DeepClone()).ToArray()),
                ["meta"] = new JsonObject(),
            }.ToJsonString());
        }
    }

    /// <summary>Sets an order's status (and <c>date_modified</c>); answers the previous status, or null without such an order.</summary>
    public int? SetStatus(long orderId, int statusId, string status)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var record)) return null;
            var previous = (int)(MagentoStore.Long(record.Order["status_id"]) ?? 0);
            record.Order["status_id"] = statusId;
            record.Order["status"] = status;
            record.Order["custom_status"] = status;
            record.Order["date_modified"] = Rfc2822(clock.GetUtcNow());
            return previous;
        }
    }

    /// <summary>
    /// A refund of whole order products (<c>(order product id, quantity)</c>) at their gross price, as the control panel
    /// makes one: recorded in the V3 shape, the products' <c>quantity_refunded</c> and the order's
    /// <c>refunded_amount</c> and status (4 Refunded or 14 Partially Refunded) follow. Answers the refund id or what is wrong.
    /// </summary>
    public (long? RefundId, string? Problem) Refund(long orderId, IReadOnlyList<(long ProductId, int Quantity)> items, string reason)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var record)) return (null, $"No order {orderId}.");
            var rows = new JsonArray();
            var total = 0m;
            foreach (var (productId, quantity) in items)
            {
                var product = record.Products.FirstOrDefault(p => MagentoStore.Long(p["id"]) == productId);
                if (product is null) return (null, $"Order {orderId} has no order product {productId}.");
                var ordered = MagentoStore.Long(product["quantity"]) ?? 0;
                var refunded = MagentoStore.Long(product["quantity_refunded"]) ?? 0;
                if (quantity <= 0 || refunded + quantity > ordered) return (null, $"Order product {productId} has {ordered - refunded} left to refund.");
                var unit = Money(product["total_inc_tax"]) / ordered;
                var amount = Math.Round(unit * quantity, 2);
                total += amount;
                product["quantity_refunded"] = refunded + quantity;
                product["is_refunded"] = refunded + quantity == ordered;
                rows.Add(new JsonObject { ["item_type"] = "PRODUCT", ["item_id"] = productId, ["quantity"] = quantity, ["requested_amount"] = amount });
            }

            var id = _nextRefundId++;
            var now = clock.GetUtcNow();
            (_refunds.TryGetValue(orderId, out var list) ? list : _refunds[orderId] = []).Add(new JsonObject
            {
                ["id"] = id, ["order_id"] = orderId, ["user_id"] = 0, ["created"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
                ["reason"] = reason, ["total_amount"] = total, ["total_tax"] = 0, ["uses_merchant_override_values"] = false, ["items"] = rows,
                ["payments"] = new JsonArray(new JsonObject { ["id"] = id, ["provider_id"] = "storecredit", ["amount"] = total, ["offline"] = true, ["is_declined"] = false, ["declined_message"] = "" }),
            });
            var allRefunded = record.Products.All(p => MagentoStore.Long(p["quantity_refunded"]) == MagentoStore.Long(p["quantity"]));
            record.Order["refunded_amount"] = (Money(record.Order["refunded_amount"]) + total).ToString("0.0000", CultureInfo.InvariantCulture);
            record.Order["status_id"] = allRefunded ? 4 : 14;
            record.Order["status"] = allRefunded ? "Refunded" : "Partially Refunded";
            record.Order["date_modified"] = Rfc2822(now);
            return (id, null);
        }
    }

    private static decimal Money(JsonNode? node) =>
        node is null ? 0m : decimal.Parse(node.ToString(), NumberStyles.Number, CultureInfo.InvariantCulture);
}
