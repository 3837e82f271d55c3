using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.BigCommerce;
using static ActorSync.Emulators.Tests.Channels.ChannelFixtures;

namespace ActorSync.Emulators.Tests.Channels;

public class BigCommerceEmulatorSpecs
{
    private static async Task<(BigCommerceEmulator Emulator, HttpClient Http)> StartAsync(BigCommerceEmulatorOptions? options = null, long addressForBundled = 132)
    {
        var emulator = await BigCommerceEmulator.StartAsync(options);
        var (order, products, addresses) = BigCommerceOrder(addressForBundled: addressForBundled);
        emulator.SeedOrder(order, products, addresses);
        return (emulator, Client(emulator.ApiBaseAddress, ("X-Auth-Token", emulator.AccessToken)));
    }

    private static string Shipment(long address = 132, long product = 65, long quantity = 1, string? tracking = "1Z999AA10123456784", string provider = "ups") =>
        new JsonObject
        {
            ["order_address_id"] = address,
            ["items"] = new JsonArray(new JsonObject { ["order_product_id"] = product, ["quantity"] = quantity }),
            ["tracking_number"] = tracking,
            ["shipping_provider"] = provider,
            ["comments"] = "ActorSync dispatch D-1",
        }.ToJsonString();

    private static string Message(JsonNode? body) => (string?)body![0]!["message"] ?? "";

    [Fact]
    public async Task A_missing_or_wrong_X_Auth_Token_is_401_in_the_v2_error_envelope()
    {
        var (emulator, _) = await StartAsync();
        await using var _e = emulator;
        using var anonymous = Client(emulator.ApiBaseAddress);
        using var wrong = Client(emulator.ApiBaseAddress, ("X-Auth-Token", "nope"));

        var (status, body) = await SendAsync(anonymous, HttpMethod.Get, "orders/218/shipments");
        Assert.Equal(401, status);
        Assert.Equal(401, (int)body![0]!["status"]!);
        Assert.Equal(401, (await SendAsync(wrong, HttpMethod.Post, "orders/218/shipments", Shipment())).Status);
        Assert.Equal(0, emulator.GetStats().ShipmentsOf("218"));
    }

    [Fact]
    public async Task Products_and_shipping_addresses_answer_the_seeded_rows_and_no_shipments_is_204_without_a_body()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        var (_, products) = await SendAsync(http, HttpMethod.Get, "orders/218/products");
        Assert.Equal(["S-ORAN", "ABS"], ((JsonArray)products!).Select(p => (string?)p!["sku"]));
        var (_, addresses) = await SendAsync(http, HttpMethod.Get, "orders/218/shipping_addresses");
        Assert.Equal([132L, 133L], ((JsonArray)addresses!).Select(a => (long)a!["id"]!));
        Assert.Equal(200, (await SendAsync(http, HttpMethod.Get, "orders/218/shippingaddresses")).Status);

        using var none = await http.GetAsync("orders/218/shipments");
        Assert.Equal(204, (int)none.StatusCode);
        Assert.Empty(await none.Content.ReadAsByteArrayAsync());
        Assert.Equal(204, (await SendAsync(http, HttpMethod.Get, "orders/218/products?page=2&limit=2")).Status);
    }

    [Fact]
    public async Task A_shipment_is_created_with_its_generated_tracking_link_and_listed_afterwards()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        var (status, created) = await SendAsync(http, HttpMethod.Post, "orders/218/shipments", Shipment());
        Assert.Equal(201, status);
        Assert.Equal((1L, 218L, 132L, "ups"), ((long)created!["id"]!, (long)created["order_id"]!, (long)created["order_address_id"]!, (string?)created["shipping_provider"]));
        Assert.Contains("1Z999AA10123456784", (string?)created["generated_tracking_link"], StringComparison.Ordinal);
        Assert.Equal("Trishy", (string?)created["shipping_address"]!["first_name"]);

        var (_, list) = await SendAsync(http, HttpMethod.Get, "orders/218/shipments");
        Assert.Equal("ActorSync dispatch D-1", (string?)list![0]!["comments"]);
        var order = emulator.GetOrder(218)!.Value;
        Assert.Equal((1L, 3L, "Partially Shipped"), ((long)order.Products[0]["quantity_shipped"]!, (long)order.Order["status_id"]!, (string?)order.Order["status"]));

        Assert.Equal(201, (await SendAsync(http, HttpMethod.Post, "orders/218/shipments", Shipment(product: 66, tracking: null, provider: ""))).Status);
        Assert.Equal((2L, "Shipped"), ((long)emulator.GetOrder(218)!.Value.Order["status_id"]!, (string?)emulator.GetOrder(218)!.Value.Order["status"]));
        Assert.Equal(2, emulator.GetStats().ShipmentsOf("218"));
    }

    [Theory]
    [InlineData("""{"items":[{"order_product_id":65,"quantity":1}]}""", "The required field 'order_address_id' was not supplied.")]
    [InlineData("""{"order_address_id":999,"items":[{"order_product_id":65,"quantity":1}]}""", "order 218 has no shipping address 999")]
    [InlineData("""{"order_address_id":132,"items":[]}""", "The required field 'items' was not supplied.")]
    [InlineData("""{"order_address_id":132,"items":[{"order_product_id":999,"quantity":1}]}""", "order 218 has no order product 999")]
    [InlineData("""{"order_address_id":132,"items":[{"order_product_id":65,"quantity":2}]}""", "order product 65 has 1 left to ship, 2 requested")]
    [InlineData("""{"order_address_id":132,"items":[{"order_product_id":65,"quantity":0}]}""", "must be a positive whole number")]
    [InlineData("""{"order_address_id":133,"items":[{"order_product_id":65,"quantity":1}]}""", "order product 65 ships to address 132, not 133")]
    [InlineData("""{"order_address_id":132,"items":[{"order_product_id":65,"quantity":1}],"tracking_number":"123456789012345678901234567890123456789012345678901"}""", "The field 'tracking_number' cannot be longer than 50 characters.")]
    [InlineData("""{"order_address_id":132,"items":[{"order_product_id":65,"quantity":1}],"shipping_provider":"dhl"}""", "The field 'shipping_provider' is invalid")]
    [InlineData("""[1]""", "The request body must be a JSON object.")]
    public async Task Invalid_shipments_are_refused_with_400_naming_the_field(string body, string expected)
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        var (status, error) = await SendAsync(http, HttpMethod.Post, "orders/218/shipments", body);
        Assert.Equal(400, status);
        Assert.Equal(400, (int)error![0]!["status"]!);
        Assert.Contains(expected, Message(error), StringComparison.Ordinal);
        Assert.Equal(0, emulator.GetStats().ShipmentsOf("218"));
    }

    [Fact]
    public async Task A_fifty_character_tracking_number_and_a_carrier_id_provider_are_accepted()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        Assert.Equal(201, (await SendAsync(http, HttpMethod.Post, "orders/218/shipments", Shipment(tracking: new string('7', 50), provider: "carrier_12"))).Status);
    }

    [Fact]
    public async Task Every_answer_carries_the_quota_headers_and_an_exhausted_quota_is_429_until_the_window_resets()
    {
        var clock = new ChannelTestClock(DateTimeOffset.UtcNow);
        var (emulator, http) = await StartAsync(new BigCommerceEmulatorOptions { Clock = clock, RateLimit = new ChannelRateLimit(3, 30_000) });
        await using var _e = emulator;
        using var _h = http;

        string Header(HttpResponseMessage r, string name) => r.Headers.GetValues(name).Single();
        using (var first = await http.GetAsync("orders/218/products"))
            Assert.Equal(("3", "2", "30000", "30000"), (Header(first, "X-Rate-Limit-Requests-Quota"), Header(first, "X-Rate-Limit-Requests-Left"), Header(first, "X-Rate-Limit-Time-Window-Ms"), Header(first, "X-Rate-Limit-Time-Reset-Ms")));
        clock.Advance(TimeSpan.FromSeconds(10));
        (await http.GetAsync("orders/218/products")).Dispose();
        using (var third = await http.GetAsync("orders/218/products"))
            Assert.Equal(("0", "20000"), (Header(third, "X-Rate-Limit-Requests-Left"), Header(third, "X-Rate-Limit-Time-Reset-Ms")));

        using (var limited = await http.PostAsync("orders/218/shipments", Json(Shipment())))
        {
            Assert.Equal(429, (int)limited.StatusCode);
            Assert.Equal("20000", Header(limited, "X-Rate-Limit-Time-Reset-Ms"));
        }

        Assert.Equal((0, 1L), (emulator.GetStats().ShipmentsOf("218"), emulator.GetStats().RateLimited));
        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(201, (int)(await http.PostAsync("orders/218/shipments", Json(Shipment()))).StatusCode);
    }

    [Fact]
    public async Task The_faults_endpoint_can_leave_no_requests_in_the_window()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        using var control = Client(emulator.BaseAddress);
        Assert.Equal(204, (await SendAsync(control, HttpMethod.Post, "__emulator/faults", """{"rateLimit":{"quota":150,"windowMs":30000,"requestsLeft":0}}""")).Status);
        Assert.Equal(429, (await SendAsync(http, HttpMethod.Get, "orders/218/shipments")).Status);
        Assert.Equal(204, (await SendAsync(control, HttpMethod.Post, "__emulator/faults", """{"clear":true}""")).Status);
        Assert.Equal(204, (await SendAsync(http, HttpMethod.Get, "orders/218/shipments")).Status);
    }

    [Fact]
    public async Task An_unknown_order_or_store_hash_is_404()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        var (status, error) = await SendAsync(http, HttpMethod.Get, "orders/999/shipments");
        Assert.Equal((404, "The requested resource was not found."), (status, Message(error)));
        Assert.Equal(404, (await SendAsync(http, HttpMethod.Post, "orders/999/shipments", Shipment())).Status);
        using var otherStore = Client(new Uri(emulator.BaseAddress, "stores/other/v2/"), ("X-Auth-Token", emulator.AccessToken));
        Assert.Equal(404, (await SendAsync(otherStore, HttpMethod.Get, "orders/218/products")).Status);
    }

    [Fact]
    public async Task A_dropped_answer_still_commits_the_shipment()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        emulator.ApplyFaults(new ChannelFaultSettings { DropShipmentResponses = 1 });
        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("orders/218/shipments", Json(Shipment())));
        var stats = emulator.GetStats();
        Assert.Equal((1, 1L), (stats.ShipmentsOf("218"), stats.DroppedResponses));
        var (_, list) = await SendAsync(http, HttpMethod.Get, "orders/218/shipments");
        Assert.Single((JsonArray)list!);
    }

    [Fact]
    public async Task An_outage_answers_503_before_authentication_and_the_quota()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        emulator.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) });
        using var down = await http.PostAsync("orders/218/shipments", Json(Shipment()));
        Assert.Equal(503, (int)down.StatusCode);
        Assert.False(down.Headers.Contains("X-Rate-Limit-Requests-Left"));
        emulator.ApplyFaults(new ChannelFaultSettings { Outage = ChannelOutage.End });
        Assert.Equal(204, (await SendAsync(http, HttpMethod.Get, "orders/218/shipments")).Status);
    }

    [Fact]
    public async Task Seeding_through_the_control_endpoint_refuses_a_product_whose_address_is_not_the_orders()
    {
        await using var emulator = await BigCommerceEmulator.StartAsync();
        using var control = Client(emulator.BaseAddress);
        var seed = BigCommerceSeed();
        seed["products"]![0]!["order_address_id"] = 51; // as in the raw fixture, from another example
        var (status, error) = await SendAsync(control, HttpMethod.Post, "__emulator/orders", seed.ToJsonString());
        Assert.Equal(400, status);
        Assert.Contains("products[0].order_address_id 51", (string?)error!["error"], StringComparison.Ordinal);

        Assert.Equal(201, (await SendAsync(control, HttpMethod.Post, "__emulator/orders", BigCommerceSeed().ToJsonString())).Status);
        Assert.Equal(409, (await SendAsync(control, HttpMethod.Post, "__emulator/orders", BigCommerceSeed().ToJsonString())).Status);
    }
}
