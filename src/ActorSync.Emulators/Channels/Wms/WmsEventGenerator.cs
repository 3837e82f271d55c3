using System.Globalization;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Channels.Wms;

/// <summary>A channel order the WMS was told to ship: its channel, its id there and its lines.</summary>
public sealed record WmsKnownOrder(string Channel, string OrderId, IReadOnlyList<(string Sku, decimal Quantity)> Lines);

/// <summary>
/// Builds the WMS's events: ActorSync's canonical JSON (channels.md §4.5) and Mintsoft-shaped order JSON (the body of
/// Mintsoft's despatch Connect action: <c>GET /api/Order/{id}</c>'s fields, see <c>MintsoftParser</c> in
/// ActorSync.Channels for the sources). SKUs are the emulated company's <c>ITM00001…</c>; quantities are whole units
/// (warehouses count pieces); ids are unique per generator.
/// </summary>
public sealed class WmsEventGenerator(string warehouse = "MAN1", int items = 400, int seed = 5)
{
    private readonly Random _random = new(seed);
    private long _next;

    public string Warehouse => warehouse;

    private string NextId(string prefix) => $"{prefix}-{seed}-{Interlocked.Increment(ref _next):D6}";

    private string Sku()
    {
        lock (_random) return $"ITM{_random.Next(1, Math.Min(items, 50) + 1):D5}";
    }

    private int Quantity(int max)
    {
        lock (_random) return _random.Next(1, max + 1);
    }

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);

    public JsonObject Dispatch(WmsKnownOrder order, DateTimeOffset at, string? eventId = null)
    {
        var id = eventId ?? NextId("DSP");
        return new JsonObject
        {
            ["sourceEventId"] = id, ["kind"] = "DispatchConfirmed", ["occurredAt"] = Instant(at), ["warehouse"] = warehouse,
            ["externalRef"] = $"{order.Channel}:{order.OrderId}",
            ["lines"] = new JsonArray(order.Lines.Select(l => (JsonNode)new JsonObject { ["sku"] = l.Sku, ["quantity"] = l.Quantity }).ToArray()),
            ["shipment"] = new JsonObject
            {
                ["carrier"] = "UPS", ["service"] = "Express Saver",
                ["trackingNumbers"] = new JsonArray($"1ZWMS{id.Replace("-", "", StringComparison.Ordinal)}"),
                ["trackingUrl"] = $"https://www.ups.com/track?tracknum=1ZWMS{id.Replace("-", "", StringComparison.Ordinal)}",
            },
        };
    }

    public JsonObject GoodsReceived(DateTimeOffset at, int lines = 3, string? purchaseOrder = null) => Event("GoodsReceived", "ASN", at, purchaseOrder ?? NextId("PO"),
        Enumerable.Range(0, lines).Select(_ => new JsonObject { ["sku"] = Sku(), ["quantity"] = Quantity(24) }));

    /// <summary>A stock count: one SKU found short, one found over.</summary>
    public JsonObject Adjustment(DateTimeOffset at) => Event("StockAdjusted", "ADJ", at, null,
    [
        new JsonObject { ["sku"] = Sku(), ["quantity"] = -Quantity(3), ["reasonCode"] = "COUNT" },
        new JsonObject { ["sku"] = Sku(), ["quantity"] = Quantity(3), ["reasonCode"] = "COUNT" },
    ]);

    public JsonObject Snapshot(DateTimeOffset at, int lines = 5) => Event("StockSnapshot", "SNAP", at, null,
        Enumerable.Range(1, lines).Select(i => new JsonObject { ["sku"] = $"ITM{i:D5}", ["quantity"] = 0, ["quantityAfter"] = Quantity(200) }));

    public JsonObject Return(DateTimeOffset at, string? rma = null) => Event("ReturnReceived", "RET", at, rma ?? NextId("RMA"),
    [
        new JsonObject { ["sku"] = Sku(), ["quantity"] = 1, ["reasonCode"] = "UNWANTED" },
        new JsonObject { ["sku"] = Sku(), ["quantity"] = 1, ["reasonCode"] = "DAMAGED" },
    ]);

    private JsonObject Event(string kind, string prefix, DateTimeOffset at, string? externalRef, IEnumerable<JsonObject> lines)
    {
        var e = new JsonObject
        {
            ["sourceEventId"] = NextId(prefix), ["kind"] = kind, ["occurredAt"] = Instant(at), ["warehouse"] = warehouse,
            ["lines"] = new JsonArray(lines.Select(l => (JsonNode)l).ToArray()),
        };
        if (externalRef is not null) e["externalRef"] = externalRef;
        return e;
    }

    /// <summary>
    /// A despatched order as Mintsoft's Connect action posts it: the Order JSON (<c>ID</c>, <c>OrderNumber</c>,
    /// <c>ExternalOrderReference</c>, <c>ChannelId</c>, <c>WarehouseId</c>, <c>OrderStatusId</c>, <c>DespatchDate</c> in
    /// UK time without an offset, <c>CourierServiceName</c>, <c>TrackingNumber</c>, <c>TrackingURL</c>,
    /// <c>OrderItems[{ID, ProductId, SKU, Quantity}]</c>). Assembled from the cited documentation, not captured.
    /// </summary>
    public JsonObject MintsoftDespatch(WmsKnownOrder order, DateTimeOffset at, int mintsoftOrderId, int warehouseId = 3, int? channelId = null)
    {
        var uk = TimeZoneInfo.ConvertTime(at, UkTime());
        return new JsonObject
        {
            ["ID"] = mintsoftOrderId, ["OrderNumber"] = order.OrderId, ["ExternalOrderReference"] = channelId is null ? $"{order.Channel}:{order.OrderId}" : order.OrderId,
            ["ClientId"] = 12, ["ChannelId"] = channelId, ["WarehouseId"] = warehouseId, ["OrderStatusId"] = 6,
            ["OrderDate"] = uk.AddHours(-20).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
            ["DespatchDate"] = uk.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture),
            ["FirstName"] = "Jane", ["LastName"] = "Smith", ["Address1"] = "6 Charlotte Square", ["Town"] = "Newcastle", ["PostCode"] = "NE1 4XF", ["CountryId"] = 1,
            ["CourierServiceId"] = 41, ["CourierServiceName"] = "DPD Next Day", ["TrackingNumber"] = $"15501{mintsoftOrderId:D9}",
            ["TrackingURL"] = $"https://track.dpd.co.uk/parcels/15501{mintsoftOrderId:D9}", ["NumberOfParcels"] = 1,
            ["TotalVat"] = 7.48, ["OrderValue"] = 44.87, ["Part"] = 1, ["NumberOfParts"] = 1,
            ["OrderItems"] = new JsonArray(order.Lines.Select((l, i) => (JsonNode)new JsonObject
            {
                ["ID"] = mintsoftOrderId * 10 + i, ["OrderId"] = mintsoftOrderId, ["ProductId"] = 5000 + i, ["SKU"] = l.Sku, ["Quantity"] = l.Quantity,
                ["Allocated"] = l.Quantity, ["Price"] = 14.99, ["Vat"] = 2.5, ["TaxRate"] = 20,
            }).ToArray()),
        };
    }

    private static TimeZoneInfo UkTime()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/London");
        }
        catch (Exception ex) when (ex is TimeZoneNotFoundException or InvalidTimeZoneException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
