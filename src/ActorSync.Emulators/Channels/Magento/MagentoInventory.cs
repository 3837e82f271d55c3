using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary>
/// Magento MSI source items (channels.md §1.4): <c>POST /V1/inventory/source-items</c>
/// <c>{"sourceItems":[{sku, source_code, quantity, status}]}</c>, answered <c>[]</c>. A call naming a SKU the store
/// does not have is refused whole (400, "Validation Failed" with a message per bad item; the exact wording is the
/// emulator's), nothing of it saved, as Magento validates the whole list before saving.
/// </summary>
internal static class MagentoInventory
{
    public static MagentoReply Save(ChannelInventory inventory, string body)
    {
        JsonObject? root;
        try
        {
            root = JsonNode.Parse(body) as JsonObject;
        }
        catch (JsonException ex)
        {
            return new MagentoReply(400, MagentoStore.Error("Decoding error: " + ex.Message));
        }

        if (root?["sourceItems"] is not JsonArray items)
            return new MagentoReply(400, MagentoStore.Error("\"sourceItems\" is required. Enter and try again."));
        var changes = new List<(string, string, decimal)>();
        var errors = new JsonArray();
        foreach (var node in items)
        {
            var item = node as JsonObject;
            var sku = (string?)item?["sku"];
            var source = (string?)item?["source_code"];
            var quantity = item?["quantity"] is JsonValue q && q.TryGetValue<decimal>(out var n) ? n : (decimal?)null;
            var status = item?["status"] is JsonValue s && s.TryGetValue<int>(out var st) ? st : (int?)null;
            if (string.IsNullOrEmpty(sku) || string.IsNullOrEmpty(source) || quantity is null || status is not (0 or 1))
                errors.Add(new JsonObject { ["message"] = "\"%field\" is required for a source item: sku, source_code, quantity and status (0 or 1).", ["parameters"] = new JsonObject { ["field"] = "sku, source_code, quantity, status" } });
            else if (!inventory.Knows(sku))
                errors.Add(new JsonObject { ["message"] = "Product with SKU \"%sku\" does not exist.", ["parameters"] = new JsonObject { ["sku"] = sku } });
            else
                changes.Add((source, sku, quantity.Value));
        }

        if (errors.Count > 0)
            return new MagentoReply(400, new JsonObject { ["message"] = "Validation Failed", ["errors"] = errors }.ToJsonString());
        inventory.SetAll(changes);
        return new MagentoReply(200, "[]");
    }
}
