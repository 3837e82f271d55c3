using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ActorSync.Emulators.Tests.Channels;

/// <summary>
/// Seed data from the vendor payloads in <c>shared/fixtures</c> (found above the test binaries, else at
/// <c>/work/shared/fixtures</c>), and small HTTP helpers for the channel emulators.
/// </summary>
internal static class ChannelFixtures
{
    private static readonly string Root = FindRoot();

    public static JsonNode Node(string relative) => JsonNode.Parse(File.ReadAllText(Path.Combine(Root, relative)))!;

    /// <summary>
    /// The fixture's Magento order (entity_id 3, increment_id 000000003, one simple row item 3 "WS12-M-Orange" × 1),
    /// optionally re-keyed, with a configurable row pair added (parent item 4 "MH01-XS-Black" × 2, configurable, and
    /// its simple child item 5 with parent_item_id 4: the shape of channels.md §5.9), or invoiced in full.
    /// </summary>
    public static JsonObject MagentoOrder(long entityId = 3, string incrementId = "000000003", bool withConfigurable = false, bool invoiced = false)
    {
        var order = (JsonObject)Node("magento/order.json");
        order["entity_id"] = entityId;
        order["increment_id"] = incrementId;
        var items = (JsonArray)order["items"]!;
        if (withConfigurable)
        {
            var parent = (JsonObject)items[0]!.DeepClone();
            parent["item_id"] = 4;
            parent["sku"] = "MH01-XS-Black";
            parent["name"] = "Chaz Kangeroo Hoodie";
            parent["product_type"] = "configurable";
            parent["qty_ordered"] = 2;
            parent["price"] = 52;
            var child = (JsonObject)parent.DeepClone();
            child["item_id"] = 5;
            child["parent_item_id"] = 4;
            child["product_type"] = "simple";
            child["name"] = "Chaz Kangeroo Hoodie-XS-Black";
            child["price"] = 0;
            items.Add(parent);
            items.Add(child);
        }

        foreach (var item in items.OfType<JsonObject>())
        {
            item["order_id"] = entityId;
            if (invoiced)
                item["qty_invoiced"] = item["qty_ordered"]!.DeepClone();
        }

        if (invoiced)
        {
            order["state"] = "processing";
            order["status"] = "processing";
        }

        return order;
    }

    /// <summary>
    /// The BigCommerce fixtures made into one order: the v2 order (id 218), its two products (65 "S-ORAN" and the
    /// bundled 66 "ABS", one each) and two shipping addresses (132, 133). The three come from different examples of
    /// the docs, so <c>order_id</c> is set to the order's id and each product's <c>order_address_id</c> to
    /// <paramref name="addressForBundled"/> (66) or 132 (65).
    /// </summary>
    public static (JsonObject Order, JsonArray Products, JsonArray Addresses) BigCommerceOrder(long orderId = 218, long addressForBundled = 132)
    {
        var order = (JsonObject)Node("bigcommerce/v2_order.json");
        order["id"] = orderId;
        var products = (JsonArray)Node("bigcommerce/v2_order_products.json");
        foreach (var product in products.OfType<JsonObject>())
        {
            product["order_id"] = orderId;
            product["order_address_id"] = (long)product["id"]! == 66 ? addressForBundled : 132;
        }

        var addresses = (JsonArray)Node("bigcommerce/v2_order_shipping_addresses.json");
        foreach (var address in addresses.OfType<JsonObject>())
        {
            address["order_id"] = orderId;
            address["items_shipped"] = 0;
        }

        return (order, products, addresses);
    }

    public static JsonObject BigCommerceSeed(long orderId = 218)
    {
        var (order, products, addresses) = BigCommerceOrder(orderId);
        return new JsonObject { ["order"] = order, ["products"] = products, ["shipping_addresses"] = addresses };
    }

    public static StringContent Json(string json) => new(json, Encoding.UTF8, "application/json");

    public static HttpClient Client(Uri baseAddress, (string Name, string Value)? header = null)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        if (header is { } h)
            client.DefaultRequestHeaders.TryAddWithoutValidation(h.Name, h.Value);
        client.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        return client;
    }

    public static async Task<(int Status, JsonNode? Body)> SendAsync(HttpClient client, HttpMethod method, string path, string? json = null)
    {
        using var request = new HttpRequestMessage(method, path);
        if (json is not null)
            request.Content = Json(json);
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, text.Length == 0 ? null : JsonNode.Parse(text));
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "fixtures");
            if (File.Exists(Path.Combine(candidate, "SOURCES.md")))
                return candidate;
        }

        return Directory.Exists("/work/shared/fixtures")
            ? "/work/shared/fixtures"
            : throw new DirectoryNotFoundException("shared/fixtures was not found above the test binaries nor at /work/shared/fixtures.");
    }
}

/// <summary>A clock the channel tests move by hand (outages and quota windows read it).</summary>
internal sealed class ChannelTestClock(DateTimeOffset start) : TimeProvider
{
    private long _ticks = start.UtcTicks;

    public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);
    public override long TimestampFrequency => TimeSpan.TicksPerSecond;
    public override long GetTimestamp() => Interlocked.Read(ref _ticks);
    public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
}
