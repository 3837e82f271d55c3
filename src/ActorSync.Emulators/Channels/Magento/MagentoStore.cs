using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels.Magento;

/// <summary>An answer of the Magento emulator: status and JSON body.</summary>
internal readonly record struct MagentoReply(int Status, string Json, bool CreatedShipment = false, bool CreatedCreditMemo = false);

/// <summary>
/// The in-memory store behind the Magento emulator: orders in the shape of <c>GET /V1/orders/{id}</c> (channels.md
/// §1.3, the fixture <c>magento/order.json</c>) and the shipments made through <c>POST /V1/order/{id}/ship</c>
/// (§1.5). Orders are kept as the JSON they were seeded with, so every field a client reads is the vendor's.
/// One lock; every answer is serialized inside it.
/// </summary>
internal sealed partial class MagentoStore(TimeProvider clock, bool repeatLastPage = true)
{
    /// <summary>States in which Magento's ship validator refuses a shipment.</summary>
    private static readonly string[] NotReadyForShipment = ["payment_review", "holded", "canceled", "complete", "closed"];

    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, JsonObject> _orders = [];
    private readonly List<JsonObject> _shipments = [];
    private readonly List<JsonObject> _creditMemos = [];
    private long _nextMemoId = 1, _nextMemoItemId = 1;
    private long _nextShipmentId = 1, _nextItemId = 1, _nextTrackId = 1, _nextCommentId = 1;

    public static string Error(string message) => new JsonObject { ["message"] = message }.ToJsonString();

    public static string NotFound => Error("The entity that was requested doesn't exist. Verify the entity and try again.");

    /// <summary>
    /// Adds an order given in the <c>GET /V1/orders/{id}</c> shape. Needed: <c>entity_id</c>, <c>increment_id</c>,
    /// <c>items[]</c> with <c>item_id</c>, <c>sku</c>, <c>qty_ordered</c> (and <c>parent_item_id</c> naming another
    /// row when set). Missing quantities shipped/invoiced/refunded/canceled start at 0, <c>state</c>/<c>status</c> at
    /// new/pending. Answers null, or what is wrong (an order id or increment id already present is refused).
    /// </summary>
    public string? Seed(JsonObject order)
    {
        if (Long(order["entity_id"]) is not { } entityId || entityId <= 0)
            return "entity_id must be a positive whole number.";
        if (order["increment_id"] is not JsonValue inc || inc.GetValueKind() != JsonValueKind.String || inc.GetValue<string>().Length == 0)
            return "increment_id must be a non-empty string.";
        if (order["items"] is not JsonArray items || items.Count == 0)
            return "items must be a non-empty array.";
        var ids = new HashSet<long>();
        for (var i = 0; i < items.Count; i++)
        {
            if (items[i] is not JsonObject item)
                return $"items[{i}] must be an object.";
            if (Long(item["item_id"]) is not { } itemId || !ids.Add(itemId))
                return $"items[{i}].item_id must be a whole number, unique in the order.";
            if (item["sku"] is not JsonValue sku || sku.GetValueKind() != JsonValueKind.String)
                return $"items[{i}].sku must be a string.";
            if (Number(item["qty_ordered"]) is not { } ordered || ordered <= 0)
                return $"items[{i}].qty_ordered must be a positive number.";
            foreach (var field in (string[])["qty_shipped", "qty_invoiced", "qty_refunded", "qty_canceled"])
            {
                if (item[field] is null)
                    item[field] = 0;
                else if (Number(item[field]) is null)
                    return $"items[{i}].{field} must be a number.";
            }
        }

        for (var i = 0; i < items.Count; i++)
        {
            if (items[i]!["parent_item_id"] is { } parent && (Long(parent) is not { } parentId || !ids.Contains(parentId)))
                return $"items[{i}].parent_item_id must name another item_id of the order.";
        }

        order["state"] ??= "new";
        order["status"] ??= "pending";
        lock (_lock)
        {
            if (_orders.ContainsKey(entityId))
                return $"An order with entity_id {entityId} is already there.";
            var incrementId = inc.GetValue<string>();
            if (_orders.Values.Any(o => (string?)o["increment_id"] == incrementId))
                return $"An order with increment_id {incrementId} is already there.";
            _orders[entityId] = (JsonObject)order.DeepClone();
            _nextItemId = Math.Max(_nextItemId, ids.Max() + 1);
        }

        return null;
    }

    public JsonObject? Order(long entityId)
    {
        lock (_lock)
            return _orders.TryGetValue(entityId, out var order) ? Copy(order) : null;
    }

    public IReadOnlyList<JsonObject> ShipmentsOf(long orderId)
    {
        lock (_lock)
            return _shipments.Where(s => Long(s["order_id"]) == orderId).Select(Copy).ToList();
    }

    /// <summary>A copy as a client would read it (numbers as parsed JSON, whatever type the store wrote them with).</summary>
    private static JsonObject Copy(JsonObject entity) => (JsonObject)JsonNode.Parse(entity.ToJsonString())!;

    public IReadOnlyDictionary<string, int> ShipmentsPerOrder()
    {
        lock (_lock)
        {
            return _shipments.GroupBy(s => Long(s["order_id"])!.Value)
                .ToDictionary(g => g.Key.ToString(CultureInfo.InvariantCulture), g => g.Count(), StringComparer.Ordinal);
        }
    }

    public void Clear()
    {
        lock (_lock)
        {
            _orders.Clear();
            _shipments.Clear();
            _creditMemos.Clear();
            _nextMemoId = _nextMemoItemId = 1;
            _nextShipmentId = _nextItemId = _nextTrackId = _nextCommentId = 1;
        }
    }

    public MagentoReply GetOrder(long entityId)
    {
        lock (_lock)
            return _orders.TryGetValue(entityId, out var order) ? new MagentoReply(200, order.ToJsonString()) : new MagentoReply(404, NotFound);
    }

    public MagentoReply SearchOrders(MagentoSearchCriteria criteria)
    {
        lock (_lock)
            return Search(criteria, _orders.Values);
    }

    public MagentoReply GetShipment(long entityId)
    {
        lock (_lock)
        {
            var shipment = _shipments.FirstOrDefault(s => Long(s["entity_id"]) == entityId);
            return shipment is null ? new MagentoReply(404, NotFound) : new MagentoReply(200, shipment.ToJsonString());
        }
    }

    public MagentoReply SearchShipments(MagentoSearchCriteria criteria)
    {
        lock (_lock)
            return Search(criteria, _shipments);
    }

    /// <summary><c>GET /V1/inventory/source-items?searchCriteria…</c> (channels.md §1.4): what the publisher set, one row
    /// per SKU and source with MSI's <c>status</c> (1 in stock, 0 out).</summary>
    public MagentoReply SearchSourceItems(ChannelInventory inventory, MagentoSearchCriteria criteria) =>
        Search(criteria, inventory.Snapshot().OrderBy(e => e.Key.Location, StringComparer.Ordinal).ThenBy(e => e.Key.Sku, StringComparer.Ordinal)
            .Select(e => new JsonObject { ["sku"] = e.Key.Sku, ["source_code"] = e.Key.Location, ["quantity"] = e.Value, ["status"] = e.Value > 0 ? 1 : 0 }));

    private MagentoReply Search(MagentoSearchCriteria criteria, IEnumerable<JsonObject> entities)
    {
        var (page, total) = criteria.Apply(entities, repeatLastPage);
        var envelope = new JsonObject
        {
            ["items"] = new JsonArray(page.Select(e => (JsonNode)e.DeepClone()).ToArray()),
            ["search_criteria"] = criteria.ToJson(),
            ["total_count"] = total,
        };
        return new MagentoReply(200, envelope.ToJsonString());
    }

    /// <summary>
    /// <c>POST /V1/order/{orderId}/ship</c> (channels.md §1.5): validates every requested quantity against what is
    /// left to ship (ordered − max(shipped, refunded) − canceled, as Magento's <c>getQtyToShip</c>), creates the
    /// shipment with its tracks and comment, marks the rows shipped (a configurable parent's child rows with it) and
    /// moves the order on: complete when nothing is left to ship or invoice, else processing. No <c>items</c> ships
    /// everything left. Answers the shipment id as a bare number.
    /// </summary>
    public MagentoReply Ship(long orderId, string body)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(string.IsNullOrWhiteSpace(body) ? "{}" : body) as JsonObject
                      ?? throw new JsonException("the body must be a JSON object");
        }
        catch (JsonException error)
        {
            return new MagentoReply(400, Error("Decoding error: " + error.Message));
        }

        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var order))
                return new MagentoReply(404, NotFound);

            var rows = ((JsonArray)order["items"]!).OfType<JsonObject>().ToList();
            var byId = rows.ToDictionary(r => Long(r["item_id"])!.Value);
            var problems = new List<string>();
            var state = (string?)order["state"] ?? "new";
            if (NotReadyForShipment.Contains(state))
                return Refused($"A shipment cannot be created when an order has a status of {(string?)order["status"] ?? state}");
            if (!rows.Any(r => Shippable(r, byId) && ToShip(r) > 0))
                return Refused("The order does not allow a shipment to be created.");

            var requested = new Dictionary<long, decimal>();
            if (request["items"] is JsonArray { Count: > 0 } items)
            {
                for (var i = 0; i < items.Count; i++)
                {
                    if (items[i] is not JsonObject line || Long(line["order_item_id"]) is not { } itemId || Number(line["qty"]) is not { } qty || qty < 0)
                        return new MagentoReply(400, Error($"Decoding error: items[{i}] needs a whole order_item_id and a qty of at least 0."));
                    if (!byId.TryGetValue(itemId, out var row))
                    {
                        problems.Add($"The shipment contains an item (order_item_id {itemId}) that is not part of the original order.");
                        continue;
                    }

                    if (qty > 0 && !IsQtyDecimal(row) && qty != decimal.Truncate(qty))
                        problems.Add($"We found an invalid quantity to ship for item \"{(string?)row["sku"]}\".");
                    requested[itemId] = requested.GetValueOrDefault(itemId) + qty;
                }
            }
            else if (request["items"] is null or JsonArray)
            {
                foreach (var row in rows.Where(r => Shippable(r, byId) && ToShip(r) > 0))
                    requested[Long(row["item_id"])!.Value] = ToShip(row);
            }
            else
            {
                return new MagentoReply(400, Error("Decoding error: items must be an array."));
            }

            foreach (var (itemId, qty) in requested)
            {
                if (qty > 0 && qty > ToShip(byId[itemId]))
                    problems.Add($"The quantity to ship must not be greater than the unshipped quantity for the product SKU \"{(string?)byId[itemId]["sku"]}\".");
            }

            if (problems.Count == 0 && requested.Values.All(q => q <= 0))
                problems.Add("You can't create a shipment without products.");

            var tracks = new List<JsonObject>();
            if (request["tracks"] is JsonArray trackArray)
            {
                foreach (var node in trackArray)
                {
                    if (node is not JsonObject track)
                    {
                        problems.Add("Each track must be an object.");
                        continue;
                    }

                    if (string.IsNullOrWhiteSpace(Text(track["track_number"])))
                        problems.Add("Please enter a tracking number.");
                    else if (string.IsNullOrWhiteSpace(Text(track["carrier_code"])))
                        problems.Add("Please enter a carrier code.");
                    else
                        tracks.Add(track);
                }
            }

            if (problems.Count > 0)
                return Refused(string.Join("\n", problems.Distinct()));

            var now = Stamp();
            var shipmentId = _nextShipmentId++;
            var shipmentItems = new JsonArray();
            foreach (var (itemId, qty) in requested.Where(r => r.Value > 0))
            {
                var row = byId[itemId];
                var ordered = Number(row["qty_ordered"])!.Value;
                AddShipped(order, row, qty, shipmentItems, shipmentId);
                foreach (var child in rows.Where(r => Long(r["parent_item_id"]) == itemId))
                    AddShipped(order, child, qty * Number(child["qty_ordered"])!.Value / ordered, shipmentItems, shipmentId);
            }

            var shipment = new JsonObject
            {
                ["billing_address_id"] = order["billing_address_id"]?.DeepClone(),
                ["created_at"] = now,
                ["customer_id"] = order["customer_id"]?.DeepClone(),
                ["email_sent"] = request["notify"] is JsonValue notify && notify.GetValueKind() == JsonValueKind.True ? 1 : null,
                ["entity_id"] = shipmentId,
                ["increment_id"] = shipmentId.ToString("000000000", CultureInfo.InvariantCulture),
                ["order_id"] = orderId,
                ["packages"] = new JsonArray(),
                ["shipping_address_id"] = order["extension_attributes"]?["shipping_assignments"]?[0]?["shipping"]?["address"]?["entity_id"]?.DeepClone(),
                ["store_id"] = order["store_id"]?.DeepClone(),
                ["total_qty"] = requested.Values.Sum(),
                ["updated_at"] = now,
                ["items"] = shipmentItems,
                ["tracks"] = new JsonArray(tracks.Select(t => (JsonNode)new JsonObject
                {
                    ["order_id"] = orderId,
                    ["created_at"] = now,
                    ["entity_id"] = _nextTrackId++,
                    ["parent_id"] = shipmentId,
                    ["updated_at"] = now,
                    ["weight"] = null,
                    ["qty"] = null,
                    ["description"] = null,
                    ["track_number"] = Text(t["track_number"]),
                    ["title"] = Text(t["title"]) ?? Text(t["carrier_code"]),
                    ["carrier_code"] = Text(t["carrier_code"]),
                }).ToArray()),
                ["comments"] = new JsonArray(),
            };
            if (request["comment"] is JsonObject comment && Text(comment["comment"]) is { Length: > 0 } commentText)
            {
                ((JsonArray)shipment["comments"]!).Add(new JsonObject
                {
                    ["is_customer_notified"] = shipment["email_sent"] is null ? 0 : 1,
                    ["parent_id"] = shipmentId,
                    ["comment"] = commentText,
                    ["is_visible_on_front"] = Long(comment["is_visible_on_front"]) ?? 0,
                    ["created_at"] = now,
                    ["entity_id"] = _nextCommentId++,
                });
            }

            _shipments.Add(shipment);
            MoveOn(order, rows, byId, now);
            return new MagentoReply(200, shipmentId.ToString(CultureInfo.InvariantCulture), CreatedShipment: true);
        }
    }

    private static MagentoReply Refused(string messages) =>
        new(400, Error("Shipment Document Validation Error(s):\n" + messages));

    private void AddShipped(JsonObject order, JsonObject row, decimal qty, JsonArray shipmentItems, long shipmentId)
    {
        var itemId = Long(row["item_id"])!.Value;
        var shipped = Number(row["qty_shipped"])!.Value + qty;
        row["qty_shipped"] = shipped;
        // The shipping assignment repeats the order rows (channels.md §1.3); keep the copy in step.
        foreach (var assignment in (order["extension_attributes"]?["shipping_assignments"] as JsonArray ?? []).OfType<JsonObject>())
        {
            foreach (var copy in (assignment["items"] as JsonArray ?? []).OfType<JsonObject>().Where(c => Long(c["item_id"]) == itemId))
                copy["qty_shipped"] = shipped;
        }

        shipmentItems.Add(new JsonObject
        {
            ["entity_id"] = _nextItemId++,
            ["name"] = row["name"]?.DeepClone(),
            ["parent_id"] = shipmentId,
            ["price"] = row["price"]?.DeepClone(),
            ["product_id"] = row["product_id"]?.DeepClone(),
            ["sku"] = row["sku"]?.DeepClone(),
            ["weight"] = row["weight"]?.DeepClone(),
            ["order_item_id"] = itemId,
            ["qty"] = qty,
        });
    }

    /// <summary>Magento's state handler: nothing left to ship nor invoice → complete; otherwise processing.</summary>
    private static void MoveOn(JsonObject order, List<JsonObject> rows, Dictionary<long, JsonObject> byId, string now)
    {
        var leftToShip = rows.Any(r => Shippable(r, byId) && ToShip(r) > 0);
        var leftToInvoice = rows.Any(r => Long(r["parent_item_id"]) is null &&
                                          Number(r["qty_ordered"])!.Value - Number(r["qty_invoiced"])!.Value - Number(r["qty_canceled"])!.Value > 0);
        var next = !leftToShip && !leftToInvoice ? "complete" : "processing";
        order["state"] = next;
        order["status"] = next;
        order["updated_at"] = now;
    }

    /// <summary>A row that ships: not virtual, not the child of a configurable (the parent ships for it).</summary>
    private static bool Shippable(JsonObject row, Dictionary<long, JsonObject> byId)
    {
        if (Long(row["is_virtual"]) == 1 || (string?)row["product_type"] is "virtual" or "downloadable")
            return false;
        return Long(row["parent_item_id"]) is not { } parent || (string?)byId[parent]["product_type"] != "configurable";
    }

    private static decimal ToShip(JsonObject row) =>
        Math.Max(0, Number(row["qty_ordered"])!.Value
                    - Math.Max(Number(row["qty_shipped"])!.Value, Number(row["qty_refunded"])!.Value)
                    - Number(row["qty_canceled"])!.Value);

    private static bool IsQtyDecimal(JsonObject row) => Long(row["is_qty_decimal"]) == 1;

    internal string Stamp() => clock.GetUtcNow().UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture);

    internal static decimal? Number(JsonNode? node)
    {
        if (node is not JsonValue value)
            return null;
        return value.GetValueKind() switch
        {
            JsonValueKind.Number => value.TryGetValue<decimal>(out var d) ? d : decimal.Parse(value.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture),
            JsonValueKind.String when decimal.TryParse(value.GetValue<string>(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            _ => null,
        };
    }

    internal static long? Long(JsonNode? node) =>
        Number(node) is { } n && n == decimal.Truncate(n) && n is >= long.MinValue and <= long.MaxValue ? (long)n : null;

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : null;
}
