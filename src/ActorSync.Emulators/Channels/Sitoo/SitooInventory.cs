using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels.Magento;

namespace ActorSync.Emulators.Channels.Sitoo;

/// <summary>
/// Sitoo stock (channels.md §3.4): <c>GET /sites/{siteid}/warehouses/{warehouseid}/warehouseitems.json</c>
/// (<c>sku=a,b</c>, <c>start</c>, <c>num</c>) with <c>decimaltotal</c> on hand; and <c>POST
/// /sites/{siteid}/warehousetransactions.json</c>, a batch of transactions
/// <c>[{warehouseid, transactiontype, description, externalid, reasoncode, items[{sku, decimalquantity, moneypricein}]}]</c>
/// of at most 1,000 items, refused on a Virtual warehouse (type 20) or for an unknown SKU (400, nothing applied),
/// answered with the new transactions' ids. Applied transactions join the read-only list, with <c>decimaltotal</c>
/// (the level after) on each item, as Sitoo shows them.
/// </summary>
internal static class SitooInventory
{
    public const int MaxItems = 1000;

    public static SitooReply WarehouseItems(ChannelInventory inventory, long warehouse, IReadOnlyDictionary<string, string> query)
    {
        var wanted = query.TryGetValue("sku", out var skus) ? skus.Split(',', StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal) : null;
        var start = query.TryGetValue("start", out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out var st) ? Math.Max(0, st) : 0;
        var num = query.TryGetValue("num", out var n) && int.TryParse(n, CultureInfo.InvariantCulture, out var nu) ? Math.Clamp(nu, 1, 1000) : 10;
        var location = warehouse.ToString(CultureInfo.InvariantCulture);
        // By SKU (how a publisher reads before it writes): only those rows, not a copy of the whole warehouse.
        var rows = wanted is not null
            ? inventory.Of(location, wanted)
            : inventory.Snapshot().Where(e => e.Key.Location == location).OrderBy(e => e.Key.Sku, StringComparer.Ordinal).ToList();
        var items = new JsonArray(rows.Skip(start).Take(num).Select((e, i) => (JsonNode)new JsonObject
        {
            ["warehouseitemid"] = start + i + 1,
            ["sku"] = e.Key.Sku,
            ["binlocation"] = "",
            ["decimalthreshold"] = "0.000",
            ["decimaltotal"] = e.Value.ToString("0.000", CultureInfo.InvariantCulture),
            ["decimalreserved"] = "0.000",
            ["decimalavailable"] = e.Value.ToString("0.000", CultureInfo.InvariantCulture),
        }).ToArray());
        return new SitooReply(200, new JsonObject { ["totalcount"] = rows.Count, ["items"] = items }.ToJsonString());
    }

    public static SitooReply PostTransactions(SitooEmulatorState state, string body, DateTimeOffset now)
    {
        JsonArray? transactions;
        try
        {
            transactions = JsonNode.Parse(body) as JsonArray;
        }
        catch (JsonException ex)
        {
            return SitooStore.Fail(400, "The body is not valid JSON: " + ex.Message);
        }

        if (transactions is null || transactions.Count == 0)
            return SitooStore.Fail(400, "The body must be an array of warehouse transactions.");
        var changes = new List<(string Location, string Sku, decimal Delta)>();
        var itemCount = 0;
        foreach (var node in transactions)
        {
            var tx = node as JsonObject;
            if (MagentoStore.Long(tx?["warehouseid"]) is not { } warehouse || state.Store.WarehouseType(warehouse) is not { } type)
                return SitooStore.Fail(400, "warehouseid must name a warehouse of the site.");
            if (type == 20)
                return SitooStore.Fail(400, $"Warehouse {warehouse} is Virtual: stock is not changed by transactions there.");
            if (MagentoStore.Long(tx!["transactiontype"]) is not (10 or 20))
                return SitooStore.Fail(400, "transactiontype must be 10 (Move In) or 20 (Move Out); Sales, Refund and StockTaking are read-only.");
            if (tx["items"] is not JsonArray items || items.Count == 0)
                return SitooStore.Fail(400, "items must be a non-empty array.");
            foreach (var itemNode in items)
            {
                itemCount++;
                var sku = (string?)itemNode?["sku"];
                if (string.IsNullOrEmpty(sku) || !decimal.TryParse((string?)itemNode!["decimalquantity"], NumberStyles.Number, CultureInfo.InvariantCulture, out var delta))
                    return SitooStore.Fail(400, "Each item needs sku and decimalquantity (a decimal string such as \"-2.000\").");
                if (!state.Inventory.Knows(sku))
                    return SitooStore.Fail(400, $"Product with sku '{sku}' not found.");
                changes.Add((warehouse.ToString(CultureInfo.InvariantCulture), sku, delta));
            }
        }

        if (itemCount > MaxItems)
            return SitooStore.Fail(400, $"At most {MaxItems} items per request, got {itemCount}.");

        state.Inventory.AddAll(changes);
        var ids = new JsonArray();
        foreach (var node in transactions)
        {
            var tx = (JsonObject)node!.DeepClone();
            var id = state.Store.NextTransactionId();
            var location = MagentoStore.Long(tx["warehouseid"])!.Value.ToString(CultureInfo.InvariantCulture);
            tx["warehousetransactionid"] = id;
            tx["datecreated"] = now.ToUnixTimeSeconds();
            foreach (var item in (JsonArray)tx["items"]!)
                item!["decimaltotal"] = (state.Inventory.Get(location, (string)item["sku"]!) ?? 0m).ToString("0.000", CultureInfo.InvariantCulture);
            state.Store.SeedTransaction(tx);
            ids.Add(id);
        }

        return new SitooReply(200, ids.ToJsonString());
    }
}
