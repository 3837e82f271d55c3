using System.Text.Json.Nodes;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.Magento;
using static ActorSync.Emulators.Tests.Channels.ChannelFixtures;

namespace ActorSync.Emulators.Tests.Channels;

public class MagentoEmulatorSpecs
{
    private const string ByIncrementId =
        "V1/orders?searchCriteria[filter_groups][0][filters][0][field]=increment_id&searchCriteria[filter_groups][0][filters][0][value]={0}&searchCriteria[filter_groups][0][filters][0][condition_type]=eq";

    private const string ShipmentsOfOrder =
        "V1/shipments?searchCriteria[filter_groups][0][filters][0][field]=order_id&searchCriteria[filter_groups][0][filters][0][value]={0}&searchCriteria[filter_groups][0][filters][0][condition_type]=eq";

    /// <summary>These specs read and ship with the bearer token, so the store allows it unless <paramref name="bearer"/> is false.</summary>
    private static async Task<(MagentoEmulator Emulator, HttpClient Http)> StartAsync(MagentoEmulatorOptions? options = null, bool bearer = true, params JsonObject[] orders)
    {
        var emulator = await MagentoEmulator.StartAsync((options ?? new MagentoEmulatorOptions()) with { BearerEnabled = bearer });
        foreach (var order in orders.Length == 0 ? [MagentoOrder()] : orders)
            emulator.SeedOrder(order);
        return (emulator, Client(emulator.RestBaseAddress, ("Authorization", "Bearer " + emulator.AccessToken)));
    }

    private static string Ship(params (long ItemId, decimal Qty)[] items) =>
        new JsonObject
        {
            ["items"] = new JsonArray(items.Select(i => (JsonNode)new JsonObject { ["order_item_id"] = i.ItemId, ["qty"] = i.Qty }).ToArray()),
            ["notify"] = true,
            ["comment"] = new JsonObject { ["comment"] = "ActorSync dispatch D-1", ["is_visible_on_front"] = 0 },
            ["tracks"] = new JsonArray(new JsonObject { ["track_number"] = "1Z999AA10123456784", ["title"] = "UPS", ["carrier_code"] = "ups" }),
        }.ToJsonString();

    [Fact]
    public async Task Requests_without_the_integration_token_get_401_in_Magentos_envelope()
    {
        var (emulator, _) = await StartAsync();
        await using var _e = emulator;
        using var anonymous = Client(emulator.RestBaseAddress);
        using var wrong = Client(emulator.RestBaseAddress, ("Authorization", "Bearer not-the-token"));

        var (status, body) = await SendAsync(anonymous, HttpMethod.Post, "V1/order/3/ship", Ship((3, 1)));
        Assert.Equal(401, status);
        Assert.Equal("The consumer isn't authorized to access %resources.", (string?)body!["message"]);
        Assert.Equal("Magento_Sales::ship", (string?)body["parameters"]!["resources"]);
        Assert.Equal(401, (await SendAsync(wrong, HttpMethod.Get, string.Format(ByIncrementId, "000000003"))).Status);
        Assert.Equal(0, emulator.GetStats().ShipmentsOf("3"));
        Assert.Equal(2, emulator.GetStats().Unauthorized);
    }

    [Fact]
    public async Task With_bearer_use_of_integration_tokens_off_even_the_right_token_is_refused()
    {
        var (emulator, http) = await StartAsync(bearer: false);
        await using var _e = emulator;
        using var _h = http;
        Assert.Equal(401, (await SendAsync(http, HttpMethod.Get, "V1/orders/3")).Status);
    }

    [Fact]
    public async Task Order_search_by_increment_id_answers_the_fixture_order_in_a_search_envelope()
    {
        var (emulator, http) = await StartAsync(null, true, MagentoOrder(), MagentoOrder(entityId: 4, incrementId: "000000004"));
        await using var _e = emulator;
        using var _h = http;

        var (status, found) = await SendAsync(http, HttpMethod.Get, string.Format(ByIncrementId, "000000003"));
        Assert.Equal(200, status);
        Assert.Equal(1, (int)found!["total_count"]!);
        var order = found["items"]![0]!;
        Assert.Equal((3, "WS12-M-Orange", "Purchase"),
            ((int)order["entity_id"]!, (string?)order["items"]![0]!["sku"], (string?)order["extension_attributes"]!["shipping_assignments"]![0]!["shipping"]!["address"]!["city"]));
        Assert.Equal("increment_id", (string?)found["search_criteria"]!["filter_groups"]![0]!["filters"]![0]!["field"]);

        // increment_id is text: "3" is not "000000003".
        var (_, miss) = await SendAsync(http, HttpMethod.Get, string.Format(ByIncrementId, "3"));
        Assert.Equal((0, 0), (((JsonArray)miss!["items"]!).Count, (int)miss["total_count"]!));

        var (missing, error) = await SendAsync(http, HttpMethod.Get, "V1/orders");
        Assert.Equal(400, missing);
        Assert.Equal("\"searchCriteria\" is required. Enter and try again.", (string?)error!["message"]);
    }

    [Fact]
    public async Task Ship_creates_a_shipment_with_track_and_comment_that_the_shipment_search_finds()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;

        using var response = await http.PostAsync("V1/order/3/ship", Json(Ship((3, 1))));
        var id = await response.Content.ReadAsStringAsync();
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal("1", id); // the bare shipment id (channels.md §1.5)

        var (_, list) = await SendAsync(http, HttpMethod.Get, string.Format(ShipmentsOfOrder, 3));
        var shipment = list!["items"]![0]!;
        Assert.Equal(1, (int)list["total_count"]!);
        Assert.Equal(("000000001", 3, 1m), ((string?)shipment["increment_id"], (int)shipment["order_id"]!, (decimal)shipment["items"]![0]!["qty"]!));
        Assert.Equal(("1Z999AA10123456784", "ups", "UPS"),
            ((string?)shipment["tracks"]![0]!["track_number"], (string?)shipment["tracks"]![0]!["carrier_code"], (string?)shipment["tracks"]![0]!["title"]));
        Assert.Equal("ActorSync dispatch D-1", (string?)shipment["comments"]![0]!["comment"]);
        Assert.Equal(1m, (decimal)emulator.GetOrder(3)!["items"]![0]!["qty_shipped"]!);
        Assert.Equal(1, emulator.GetStats().ShipmentsOf("3"));
    }

    [Fact]
    public async Task Over_shipping_is_refused_with_Magentos_document_validation_message()
    {
        var (emulator, http) = await StartAsync(null, true, MagentoOrder(withConfigurable: true));
        await using var _e = emulator;
        using var _h = http;

        var (status, error) = await SendAsync(http, HttpMethod.Post, "V1/order/3/ship", Ship((3, 2)));
        Assert.Equal(400, status);
        Assert.Equal("Shipment Document Validation Error(s):\nThe quantity to ship must not be greater than the unshipped quantity for the product SKU \"WS12-M-Orange\".",
            (string?)error!["message"]);

        Assert.Equal(200, (await SendAsync(http, HttpMethod.Post, "V1/order/3/ship", Ship((4, 1)))).Status);
        var (again, second) = await SendAsync(http, HttpMethod.Post, "V1/order/3/ship", Ship((4, 2)));
        Assert.Equal(400, again);
        Assert.Contains("unshipped quantity for the product SKU \"MH01-XS-Black\"", (string?)second!["message"], StringComparison.Ordinal);
        var stats = emulator.GetStats();
        Assert.Equal((1, 2L), (stats.ShipmentsOf("3"), stats.ShipmentPostsRefused));
    }

    [Fact]
    public async Task Shipping_an_unknown_order_answers_404()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        var (status, error) = await SendAsync(http, HttpMethod.Post, "V1/order/99/ship", Ship((3, 1)));
        Assert.Equal(404, status);
        Assert.Equal("The entity that was requested doesn't exist. Verify the entity and try again.", (string?)error!["message"]);
    }

    [Fact]
    public async Task A_configurable_parent_ships_its_child_with_it_and_a_full_shipment_completes_an_invoiced_order()
    {
        var (emulator, http) = await StartAsync(null, true, MagentoOrder(withConfigurable: true, invoiced: true));
        await using var _e = emulator;
        using var _h = http;

        Assert.Equal(200, (await SendAsync(http, HttpMethod.Post, "V1/order/3/ship", Ship((4, 2)))).Status);
        var order = emulator.GetOrder(3)!;
        Assert.Equal((2m, 2m), ((decimal)order["items"]![1]!["qty_shipped"]!, (decimal)order["items"]![2]!["qty_shipped"]!));
        Assert.Equal("processing", (string?)order["state"]); // item 3 is still to ship

        Assert.Equal(200, (await SendAsync(http, HttpMethod.Post, "V1/order/3/ship", Ship((3, 1)))).Status);
        order = emulator.GetOrder(3)!;
        Assert.Equal(("complete", "complete"), ((string?)order["state"], (string?)order["status"]));
        Assert.Equal(1m, (decimal)order["extension_attributes"]!["shipping_assignments"]![0]!["items"]![0]!["qty_shipped"]!);

        var (status, error) = await SendAsync(http, HttpMethod.Post, "V1/order/3/ship", Ship((3, 1)));
        Assert.Equal(400, status);
        Assert.Equal("Shipment Document Validation Error(s):\nA shipment cannot be created when an order has a status of complete", (string?)error!["message"]);
    }

    [Fact]
    public async Task A_fully_shipped_order_that_is_not_invoiced_stays_processing()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        Assert.Equal(200, (await SendAsync(http, HttpMethod.Post, "V1/order/3/ship", Ship((3, 1)))).Status);
        Assert.Equal("processing", (string?)emulator.GetOrder(3)!["state"]);
        var (status, error) = await SendAsync(http, HttpMethod.Post, "V1/order/3/ship", Ship((3, 1)));
        Assert.Equal(400, status);
        Assert.Equal("Shipment Document Validation Error(s):\nThe order does not allow a shipment to be created.", (string?)error!["message"]);
    }

    [Fact]
    public async Task The_control_endpoint_seeds_the_fixture_order_as_it_is_and_refuses_duplicates_and_broken_orders()
    {
        await using var emulator = await MagentoEmulator.StartAsync();
        using var control = Client(emulator.BaseAddress);
        var fixture = Node("magento/order.json").ToJsonString();

        Assert.Equal(201, (await SendAsync(control, HttpMethod.Post, "__emulator/orders", fixture)).Status);
        Assert.Equal(409, (await SendAsync(control, HttpMethod.Post, "__emulator/orders", fixture)).Status);
        var broken = MagentoOrder(entityId: 7, incrementId: "000000007");
        broken["items"]![0]!["parent_item_id"] = 99;
        var (status, error) = await SendAsync(control, HttpMethod.Post, "__emulator/orders", broken.ToJsonString());
        Assert.Equal(400, status);
        Assert.Contains("items[0].parent_item_id", (string?)error!["error"], StringComparison.Ordinal);
        Assert.Equal("new", (string?)emulator.GetOrder(3)!["state"]);
    }

    [Fact]
    public async Task A_dropped_answer_still_commits_the_shipment_and_stats_count_it_once()
    {
        var (emulator, http) = await StartAsync();
        await using var _e = emulator;
        using var _h = http;
        using var control = Client(emulator.BaseAddress);
        Assert.Equal(204, (await SendAsync(control, HttpMethod.Post, "__emulator/faults", """{"dropShipmentResponses":1}""")).Status);

        await Assert.ThrowsAsync<HttpRequestException>(() => http.PostAsync("V1/order/3/ship", Json(Ship((3, 1)))));

        var (_, stats) = await SendAsync(control, HttpMethod.Get, "__emulator/stats");
        Assert.Equal((1, 1L, 1L), ((int)stats!["shipmentsPerOrder"]!["3"]!, (long)stats["droppedResponses"]!, (long)stats["shipmentsCreated"]!));
        Assert.Equal(1m, (decimal)emulator.GetOrder(3)!["items"]![0]!["qty_shipped"]!);
    }

    [Fact]
    public async Task An_outage_answers_every_REST_path_with_an_HTML_503_until_it_ends()
    {
        var clock = new ChannelTestClock(DateTimeOffset.UtcNow);
        var (emulator, http) = await StartAsync(new MagentoEmulatorOptions { Clock = clock });
        await using var _e = emulator;
        using var _h = http;
        emulator.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 2000) });

        using var down = await http.GetAsync("V1/orders/3");
        Assert.Equal(503, (int)down.StatusCode);
        Assert.Equal("text/html", down.Content.Headers.ContentType?.MediaType);
        Assert.Equal(503, (int)(await http.PostAsync("V1/order/3/ship", Json(Ship((3, 1))))).StatusCode);

        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(200, (int)(await http.GetAsync("V1/orders/3")).StatusCode);
        Assert.Equal(0, emulator.GetStats().ShipmentsOf("3"));
    }

    [Fact]
    public async Task A_rate_limit_fault_answers_as_a_hosting_waf_does_and_unknown_keys_are_refused_by_name()
    {
        var (emulator, _) = await StartAsync();
        await using var _e = emulator;
        using var control = Client(emulator.BaseAddress);
        var (status, error) = await SendAsync(control, HttpMethod.Post, "__emulator/faults", """{"rateLimit":{"quota":1,"windowMs":60000,"requestsLeft":0}}""");
        Assert.Equal(204, status);
        using var http = Client(emulator.BaseAddress, ("Authorization", "Bearer " + emulator.AccessToken));
        var (throttled, body) = await SendAsync(http, HttpMethod.Get, "rest/V1/orders/3");
        // Core Magento has no REST limit (§1.8); a WAF's 429 carries Magento's body and no quota headers.
        Assert.Equal((429, "Too Many Requests"), (throttled, (string?)body!["message"]));
        (status, error) = await SendAsync(control, HttpMethod.Post, "__emulator/faults", """{"outages":{"status":503}}""");
        Assert.Equal(400, status);
        Assert.Contains("'outages'", (string?)error!["error"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_store_code_in_the_path_is_optional()
    {
        var (emulator, _) = await StartAsync();
        await using var _e = emulator;
        using var http = Client(emulator.BaseAddress, ("Authorization", "Bearer " + emulator.AccessToken));
        Assert.Equal(200, (await SendAsync(http, HttpMethod.Get, "rest/V1/orders/3")).Status);
        Assert.Equal(200, (await SendAsync(http, HttpMethod.Get, "rest/all/V1/orders/3")).Status);
        var (status, error) = await SendAsync(http, HttpMethod.Get, "rest/default/V1/nothing");
        Assert.Equal((404, "Request does not match any route."), (status, (string?)error!["message"]));
    }
}
