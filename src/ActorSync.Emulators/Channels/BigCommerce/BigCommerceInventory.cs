using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>
/// BigCommerce's inventory API (channels.md §2.7): <c>PUT /v3/inventory/adjustments/absolute</c>
/// <c>{reason, items[{location_id, quantity, sku | variant_id | product_id}]}</c>, at most 2,000 items, answered
/// <c>{"transaction_id":"…"}</c>; and <c>GET /v3/inventory/locations/{id}/items</c> (<c>sku:in</c>). A call with an
/// item the store does not track that way (an unknown SKU, or a product tracked by variant when a product is named)
/// is refused whole with 422, as the docs' examples show, naming the item; nothing of it is applied.
/// </summary>
internal static class BigCommerceInventory
{
    public const int MaxItems = 2000;

    /// <summary>v3's error envelope.</summary>
    public static string Error(int status, string title, JsonObject? errors = null) => new JsonObject
    {
        ["status"] = status,
        ["title"] = title,
        ["type"] = "https://developer.bigcommerce.com/api-docs/getting-started/api-status-codes",
        ["errors"] = errors ?? [],
    }.ToJsonString();

    public static BigCommerceReply Adjust(ChannelInventory inventory, string body)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException ex)
        {
            return new BigCommerceReply(400, Error(400, "The request body is not valid JSON: " + ex.Message));
        }

        if (root?["items"] is not JsonArray items || items.Count == 0)
            return new BigCommerceReply(422, Error(422, "JSON data is missing or invalid", new JsonObject { ["items"] = "items must be a non-empty array" }));
        if (items.Count > MaxItems)
            return new BigCommerceReply(422, Error(422, $"At most {MaxItems} items may be adjusted in one request", new JsonObject { ["items"] = $"{items.Count} items" }));

        var changes = new List<(string, string, decimal)>();
        for (var i = 0; i < items.Count; i++)
        {
            var item = items[i] as JsonObject;
            var location = item?["location_id"] is JsonValue l && l.TryGetValue<int>(out var id) && id > 0 ? id.ToString(CultureInfo.InvariantCulture) : null;
            var quantity = item?["quantity"] is JsonValue q && q.TryGetValue<long>(out var n) && n >= 0 ? n : (long?)null;
            var sku = item?["sku"] is JsonValue s && s.TryGetValue<string>(out var text) ? text : null;
            if (location is null || quantity is null || sku is null)
                return new BigCommerceReply(422, Error(422, "JSON data is missing or invalid",
                    new JsonObject { [$"items.{i}"] = "location_id (a location's id), quantity (a whole number of 0 or more) and sku are required" }));
            if (!inventory.Knows(sku))
                return new BigCommerceReply(422, Error(422, "Inventory adjustment failed",
                    new JsonObject { [$"items.{i}.sku"] = $"No product or variant with SKU '{sku}' is tracked at this level" }));
            changes.Add((location, sku, quantity.Value));
        }

        inventory.SetAll(changes);
        return new BigCommerceReply(200, new JsonObject { ["transaction_id"] = Guid.NewGuid().ToString() }.ToJsonString());
    }

    /// <summary><c>GET /v3/inventory/locations/{id}/items</c>, paged as v3 collections are (<c>page</c> from 1,
    /// <c>limit</c> default 50, at most 1,000; <c>meta.pagination</c> with <c>total_pages</c>).</summary>
    public static BigCommerceReply LocationItems(ChannelInventory inventory, string location, string? skuIn, int page = 1, int limit = 50)
    {
        var wanted = skuIn?.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);
        (page, limit) = (Math.Max(1, page), Math.Clamp(limit, 1, 1000));
        var rows = inventory.Snapshot()
            .Where(e => e.Key.Location == location && (wanted is null || wanted.Contains(e.Key.Sku)))
            .OrderBy(e => e.Key.Sku, StringComparer.Ordinal).ToList();
        var data = new JsonArray();
        foreach (var ((_, sku), quantity) in rows.Skip((page - 1) * limit).Take(limit))
            data.Add(new JsonObject
            {
                ["identity"] = new JsonObject { ["sku"] = sku },
                ["available_to_sell"] = quantity,
                ["total_inventory_onhand"] = quantity,
                ["settings"] = new JsonObject { ["safety_stock"] = 0, ["is_in_stock"] = quantity > 0, ["warning_level"] = 0 },
            });

        var pagination = new JsonObject
        {
            ["total"] = rows.Count, ["count"] = data.Count, ["per_page"] = limit, ["current_page"] = page,
            ["total_pages"] = Math.Max(1, (rows.Count + limit - 1) / limit),
        };
        return new BigCommerceReply(200, new JsonObject { ["data"] = data, ["meta"] = new JsonObject { ["pagination"] = pagination } }.ToJsonString());
    }
}
