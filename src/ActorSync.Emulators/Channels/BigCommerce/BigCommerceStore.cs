using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ActorSync.Emulators.Channels.Magento;

namespace ActorSync.Emulators.Channels.BigCommerce;

/// <summary>An answer of the BigCommerce emulator: status and body (null: no body, as a 204).</summary>
internal readonly record struct BigCommerceReply(int Status, string? Json, bool CreatedShipment = false);

/// <summary>
/// The in-memory store behind the BigCommerce emulator: per order the v2 order, its products and shipping addresses
/// in the shapes of the fixtures (<c>v2_order.json</c>, <c>v2_order_products.json</c>,
/// <c>v2_order_shipping_addresses.json</c>), and the shipments made through <c>POST /v2/orders/{id}/shipments</c>
/// (channels.md §2.5). One lock; every answer is serialized inside it.
/// </summary>
internal sealed partial class BigCommerceStore(TimeProvider clock)
{
    /// <summary>The documented <c>shipping_provider</c> values besides "" and <c>carrier_{id}</c> (channels.md §2.5).</summary>
    public static readonly string[] ShippingProviders = ["auspost", "canadapost", "endicia", "usps", "fedex", "royalmail", "ups", "upsready", "shipperhq"];

    public const int MaxTrackingNumberLength = 50;

    private readonly Lock _lock = new();
    private readonly SortedDictionary<long, OrderRecord> _orders = [];
    private long _nextShipmentId = 1;

    private sealed record OrderRecord(JsonObject Order, List<JsonObject> Products, List<JsonObject> Addresses, List<JsonObject> Shipments);

    [GeneratedRegex(@"^carrier_\d+$")]
    private static partial Regex CarrierProvider();

    /// <summary>BigCommerce's v2 error envelope (channels.md §2.4): <c>[{"status":400,"message":"…"}]</c>.</summary>
    public static string Error(int status, string message) =>
        new JsonArray(new JsonObject { ["status"] = status, ["message"] = message }).ToJsonString();

    public static BigCommerceReply Fail(int status, string message) => new(status, Error(status, message));

    public static BigCommerceReply NotFound => Fail(404, "The requested resource was not found.");

    /// <summary>
    /// Adds an order: <c>{"order": v2 order, "products": [v2 order products], "shipping_addresses": [v2 shipping
    /// addresses]}</c>. Every product and address must carry the order's id as <c>order_id</c>, and a product's
    /// <c>order_address_id</c> must be one of the addresses: the three fixtures come from different examples of the
    /// docs and do not agree, so a seed derived from them sets these ids. Answers null or what is wrong.
    /// </summary>
    public string? Seed(JsonObject seed)
    {
        if (seed["order"] is not JsonObject order)
            return "order must be a v2 order object.";
        if (MagentoStore.Long(order["id"]) is not { } orderId || orderId <= 0)
            return "order.id must be a positive whole number.";
        if (seed["products"] is not JsonArray { Count: > 0 } products)
            return "products must be a non-empty array of v2 order products.";
        var addresses = seed["shipping_addresses"] as JsonArray ?? [];
        var addressIds = new HashSet<long>();
        for (var i = 0; i < addresses.Count; i++)
        {
            if (addresses[i] is not JsonObject address || MagentoStore.Long(address["id"]) is not { } id || !addressIds.Add(id))
                return $"shipping_addresses[{i}].id must be a whole number, unique in the order.";
            if (MagentoStore.Long(address["order_id"]) is { } owner && owner != orderId)
                return $"shipping_addresses[{i}].order_id is {owner}, not the order's id {orderId}.";
        }

        var productIds = new HashSet<long>();
        for (var i = 0; i < products.Count; i++)
        {
            if (products[i] is not JsonObject product || MagentoStore.Long(product["id"]) is not { } id || !productIds.Add(id))
                return $"products[{i}].id must be a whole number, unique in the order.";
            if (MagentoStore.Long(product["order_id"]) is { } owner && owner != orderId)
                return $"products[{i}].order_id is {owner}, not the order's id {orderId}.";
            if (product["sku"] is not JsonValue sku || sku.GetValueKind() != JsonValueKind.String)
                return $"products[{i}].sku must be a string.";
            if (MagentoStore.Long(product["quantity"]) is not > 0)
                return $"products[{i}].quantity must be a positive whole number.";
            if (MagentoStore.Long(product["order_address_id"]) is { } addressId and not 0 && !addressIds.Contains(addressId))
                return $"products[{i}].order_address_id {addressId} is not among the order's shipping_addresses ({string.Join(", ", addressIds)}).";
            if (product["quantity_shipped"] is null)
                product["quantity_shipped"] = 0;
            else if (MagentoStore.Long(product["quantity_shipped"]) is not >= 0)
                return $"products[{i}].quantity_shipped must be a whole number.";
        }

        lock (_lock)
        {
            if (_orders.ContainsKey(orderId))
                return $"An order with id {orderId} is already there.";
            var record = new OrderRecord((JsonObject)order.DeepClone(),
                products.Select(p => (JsonObject)p!.DeepClone()).ToList(),
                addresses.Select(a => (JsonObject)a!.DeepClone()).ToList(), []);
            foreach (var row in record.Products.Concat(record.Addresses))
                row["order_id"] = orderId;
            _orders[orderId] = record;
        }

        return null;
    }

    public IReadOnlyDictionary<string, int> ShipmentsPerOrder()
    {
        lock (_lock)
        {
            return _orders.Where(o => o.Value.Shipments.Count > 0)
                .ToDictionary(o => o.Key.ToString(CultureInfo.InvariantCulture), o => o.Value.Shipments.Count, StringComparer.Ordinal);
        }
    }

    /// <summary>Copies of an order's parts for assertions, or null.</summary>
    public (JsonObject Order, IReadOnlyList<JsonObject> Products, IReadOnlyList<JsonObject> Shipments)? Snapshot(long orderId)
    {
        lock (_lock)
        {
            return _orders.TryGetValue(orderId, out var record)
                ? (Copy(record.Order), record.Products.Select(Copy).ToList(), record.Shipments.Select(Copy).ToList())
                : null;
        }
    }

    /// <summary>A copy as a client would read it (numbers as parsed JSON, whatever type the store wrote them with).</summary>
    private static JsonObject Copy(JsonObject row) => (JsonObject)JsonNode.Parse(row.ToJsonString())!;

    public void Clear()
    {
        lock (_lock)
        {
            _orders.Clear();
            _nextShipmentId = 1;
        }
    }

    public BigCommerceReply GetOrder(long orderId)
    {
        lock (_lock)
            return _orders.TryGetValue(orderId, out var record) ? new BigCommerceReply(200, record.Order.ToJsonString()) : NotFound;
    }

    /// <summary>A v2 sub-resource list (<c>products</c>, <c>shipping_addresses</c>, <c>shipments</c>): paged, 204 when empty.</summary>
    public BigCommerceReply List(long orderId, string resource, int page, int limit)
    {
        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var record))
                return NotFound;
            var rows = resource switch
            {
                "products" => record.Products,
                "shipping_addresses" => record.Addresses,
                _ => record.Shipments,
            };
            var slice = rows.Skip((page - 1) * limit).Take(limit).ToList();
            return slice.Count == 0
                ? new BigCommerceReply(204, null)
                : new BigCommerceReply(200, new JsonArray(slice.Select(r => (JsonNode)r.DeepClone()).ToArray()).ToJsonString());
        }
    }

    public BigCommerceReply GetShipment(long orderId, long shipmentId)
    {
        lock (_lock)
        {
            var shipment = _orders.TryGetValue(orderId, out var record)
                ? record.Shipments.FirstOrDefault(s => MagentoStore.Long(s["id"]) == shipmentId)
                : null;
            return shipment is null ? NotFound : new BigCommerceReply(200, shipment.ToJsonString());
        }
    }

    /// <summary>
    /// <c>POST /v2/orders/{id}/shipments</c> (channels.md §2.5): <c>order_address_id</c> must be one of the order's
    /// shipping addresses, every item an order product of that address with a whole positive quantity no larger than
    /// what is left to ship, <c>tracking_number</c> at most 50 characters, <c>shipping_provider</c> a documented value.
    /// Answers 201 with the shipment and its <c>generated_tracking_link</c>; the order moves to Shipped (2) when every
    /// product is shipped, else Partially Shipped (3).
    /// </summary>
    public BigCommerceReply CreateShipment(long orderId, string body)
    {
        JsonObject request;
        try
        {
            request = JsonNode.Parse(body) as JsonObject ?? throw new JsonException("not an object");
        }
        catch (JsonException)
        {
            return Fail(400, "The request body must be a JSON object.");
        }

        lock (_lock)
        {
            if (!_orders.TryGetValue(orderId, out var record))
                return NotFound;

            if (request["order_address_id"] is null)
                return Fail(400, "The required field 'order_address_id' was not supplied.");
            if (MagentoStore.Long(request["order_address_id"]) is not { } addressId)
                return Fail(400, "The field 'order_address_id' is invalid: it must be a whole number.");
            var address = record.Addresses.FirstOrDefault(a => MagentoStore.Long(a["id"]) == addressId);
            if (address is null)
                return Fail(400, $"The field 'order_address_id' is invalid: order {orderId} has no shipping address {addressId}.");

            if (request["items"] is not JsonArray { Count: > 0 } items)
                return Fail(400, "The required field 'items' was not supplied.");
            var requested = new Dictionary<long, long>();
            foreach (var node in items)
            {
                if (node is not JsonObject item || MagentoStore.Long(item["order_product_id"]) is not { } productId)
                    return Fail(400, "The field 'items' is invalid: each item needs a whole order_product_id.");
                if (MagentoStore.Long(item["quantity"]) is not { } quantity || quantity <= 0)
                    return Fail(400, $"The field 'items' is invalid: the quantity of order product {productId} must be a positive whole number.");
                var product = record.Products.FirstOrDefault(p => MagentoStore.Long(p["id"]) == productId);
                if (product is null)
                    return Fail(400, $"The field 'items' is invalid: order {orderId} has no order product {productId}.");
                if (MagentoStore.Long(product["order_address_id"]) is { } productAddress and not 0 && productAddress != addressId)
                    return Fail(400, $"The field 'items' is invalid: order product {productId} ships to address {productAddress}, not {addressId}.");
                requested[productId] = requested.GetValueOrDefault(productId) + quantity;
            }

            foreach (var (productId, quantity) in requested)
            {
                var product = record.Products.First(p => MagentoStore.Long(p["id"]) == productId);
                var left = Left(product);
                if (quantity > left)
                    return Fail(400, $"The field 'items' is invalid: order product {productId} has {left} left to ship, {quantity} requested.");
            }

            var trackingNumber = Text(request, "tracking_number", out var badTracking);
            if (badTracking)
                return Fail(400, "The field 'tracking_number' is invalid: it must be a string.");
            if (trackingNumber is { Length: > MaxTrackingNumberLength })
                return Fail(400, $"The field 'tracking_number' cannot be longer than {MaxTrackingNumberLength} characters.");
            var provider = Text(request, "shipping_provider", out var badProvider) ?? "";
            if (badProvider || (provider.Length > 0 && !ShippingProviders.Contains(provider) && !CarrierProvider().IsMatch(provider)))
                return Fail(400, "The field 'shipping_provider' is invalid: use auspost, canadapost, endicia, usps, fedex, royalmail, ups, upsready, shipperhq, carrier_{id} or \"\".");
            string? carrier = null, link = null, method = null, comments = null;
            foreach (var (field, set) in new (string, Action<string?>)[]
                     {
                         ("tracking_carrier", v => carrier = v), ("tracking_link", v => link = v),
                         ("shipping_method", v => method = v), ("comments", v => comments = v),
                     })
            {
                set(Text(request, field, out var bad));
                if (bad)
                    return Fail(400, $"The field '{field}' is invalid: it must be a string.");
            }

            var now = clock.GetUtcNow();
            var shipmentId = _nextShipmentId++;
            foreach (var (productId, quantity) in requested)
            {
                var product = record.Products.First(p => MagentoStore.Long(p["id"]) == productId);
                product["quantity_shipped"] = MagentoStore.Long(product["quantity_shipped"])!.Value + quantity;
            }

            var shippedNow = requested.Values.Sum();
            address["items_shipped"] = (MagentoStore.Long(address["items_shipped"]) ?? 0) + shippedNow;
            var order = record.Order;
            var allShipped = record.Products.All(p => Left(p) == 0);
            order["items_shipped"] = record.Products.Sum(p => MagentoStore.Long(p["quantity_shipped"])!.Value);
            order["status_id"] = allShipped ? 2 : 3;
            order["status"] = allShipped ? "Shipped" : "Partially Shipped";
            order["custom_status"] = order["status"]!.DeepClone();
            order["date_modified"] = Rfc2822(now);
            if (allShipped)
                order["date_shipped"] = Rfc2822(now);

            var shipment = new JsonObject
            {
                ["id"] = shipmentId,
                ["order_id"] = orderId,
                ["customer_id"] = order["customer_id"]?.DeepClone(),
                ["order_address_id"] = addressId,
                ["date_created"] = Rfc2822(now),
                ["tracking_number"] = trackingNumber ?? "",
                ["merchant_shipping_cost"] = Text(request, "merchant_shipping_cost", out _) ?? "0.0000",
                ["shipping_method"] = method ?? "",
                ["comments"] = comments ?? "",
                ["shipping_provider"] = provider,
                ["tracking_carrier"] = carrier ?? "",
                ["tracking_link"] = link ?? "",
                ["billing_address"] = order["billing_address"]?.DeepClone(),
                ["shipping_address"] = AddressOf(address),
                ["items"] = new JsonArray(requested.Select(r => (JsonNode)new JsonObject
                {
                    ["order_product_id"] = r.Key,
                    ["product_id"] = record.Products.First(p => MagentoStore.Long(p["id"]) == r.Key)["product_id"]?.DeepClone(),
                    ["quantity"] = r.Value,
                }).ToArray()),
                ["generated_tracking_link"] = TrackingLink(provider, carrier, link, trackingNumber),
            };
            record.Shipments.Add(shipment);
            return new BigCommerceReply(201, shipment.ToJsonString(), CreatedShipment: true);
        }
    }

    private static long Left(JsonObject product) =>
        MagentoStore.Long(product["quantity"])!.Value - MagentoStore.Long(product["quantity_shipped"])!.Value;

    private static JsonObject AddressOf(JsonObject address)
    {
        var copy = new JsonObject();
        foreach (var field in (string[])["first_name", "last_name", "company", "street_1", "street_2", "city", "state", "zip", "country", "country_iso2", "phone", "email"])
            copy[field] = address[field]?.DeepClone();
        return copy;
    }

    /// <summary>
    /// What BigCommerce generates for the storefront [inferred: the reference documents the field, not its values]:
    /// the carrier's tracking page for the providers it integrates, the custom link when given, an AfterShip page for a
    /// <c>tracking_carrier</c> slug, else "".
    /// </summary>
    private static string TrackingLink(string provider, string? carrier, string? link, string? number)
    {
        if (string.IsNullOrEmpty(number))
            return link ?? "";
        var n = Uri.EscapeDataString(number);
        return provider switch
        {
            "ups" or "upsready" => $"https://www.ups.com/track?tracknum={n}",
            "usps" or "endicia" => $"https://tools.usps.com/go/TrackConfirmAction?qtc_tLabels1={n}",
            "fedex" => $"https://www.fedex.com/fedextrack/?trknbr={n}",
            "auspost" => $"https://auspost.com.au/mypost/track/#/details/{n}",
            "royalmail" => $"https://www.royalmail.com/track-your-item#/tracking-results/{n}",
            "canadapost" => $"https://www.canadapost-postescanada.ca/track-reperage/en#/details/{n}",
            _ when !string.IsNullOrEmpty(link) => link,
            _ when !string.IsNullOrEmpty(carrier) => $"https://track.aftership.com/{Uri.EscapeDataString(carrier)}/{n}",
            _ => "",
        };
    }

    /// <summary>A string field: its text, null when absent or null; <paramref name="bad"/> when present but not a string.</summary>
    private static string? Text(JsonObject request, string field, out bool bad)
    {
        var node = request[field];
        bad = node is not null && (node is not JsonValue value || value.GetValueKind() != JsonValueKind.String);
        return bad || node is null ? null : node.GetValue<string>();
    }

    /// <summary>v2 dates: RFC-2822, always UTC (channels.md §2.4).</summary>
    public static string Rfc2822(DateTimeOffset at) => at.UtcDateTime.ToString("ddd, dd MMM yyyy HH:mm:ss '+0000'", CultureInfo.InvariantCulture);
}
