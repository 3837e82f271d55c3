using System.Net;
using System.Text.Json.Nodes;
using ActorSync.Channels.Outbound;
using static ActorSync.Channels.Tests.Outbound.OutboundRig;
using Outcome = ActorSync.Channels.Outbound.ShipmentPublishOutcome;

namespace ActorSync.Channels.Tests.Outbound;

/// <summary>A store scripted request by request: every request (its query unescaped, its body) is kept.</summary>
internal sealed class ScriptedStore(Func<HttpRequestMessage, string, HttpResponseMessage> answer) : HttpMessageHandler
{
    public List<(string Request, string Body)> Seen { get; } = [];

    public IEnumerable<string> Requests => Seen.Select(s => s.Request);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? "" : await request.Content.ReadAsStringAsync(cancellationToken);
        var line = $"{request.Method} {Uri.UnescapeDataString(request.RequestUri!.PathAndQuery)}";
        Seen.Add((line, body));
        return answer(request, line);
    }
}

/// <summary>
/// The Magento publisher against a store scripted request by request: the exact requests and ship body it sends, how
/// it pages shipments, the order rows it can ship from, and what each odd answer becomes.
/// </summary>
public class MagentoShipmentScriptSpecs
{
    private const string Root = "/rest/default/V1/";

    private static ShipmentNotice Tee(string dispatch = "D-1", string? carrier = "UPS", string? tracking = "1Z999AA10123456784", params (string Sku, decimal Qty)[] lines) =>
        Notice("magento", "000000003", dispatch, carrier, tracking, lines.Length == 0 ? [("WS12-M-Orange", 1)] : lines);

    private static JsonObject Item(long id, string sku, decimal ordered, string type = "simple", long? parent = null, int isVirtual = 0,
        decimal shipped = 0, decimal refunded = 0, decimal canceled = 0)
    {
        var item = new JsonObject
        {
            ["item_id"] = id, ["sku"] = sku, ["product_type"] = type, ["is_virtual"] = isVirtual, ["qty_ordered"] = ordered,
            ["qty_shipped"] = shipped, ["qty_refunded"] = refunded, ["qty_canceled"] = canceled,
        };
        if (parent is { } p)
            item["parent_item_id"] = p;
        return item;
    }

    private static string Orders(params JsonObject[] orders) => new JsonObject { ["items"] = new JsonArray(orders), ["total_count"] = orders.Length }.ToJsonString();

    private static JsonObject Order(params JsonObject[] items) => new() { ["entity_id"] = 3, ["increment_id"] = "000000003", ["items"] = new JsonArray(items) };

    private static string NoShipments => """{"items":[],"total_count":0}""";

    /// <summary>The fixture order (item 3, WS12-M-Orange × 1), no shipments yet, and <paramref name="ship"/> for the POST.</summary>
    private static ScriptedStore Store(HttpResponseMessage? ship = null, string? orders = null, Func<string, HttpResponseMessage>? shipments = null) =>
        new((request, line) => request.Method == HttpMethod.Post
            ? ship ?? StubHandler.Answer(HttpStatusCode.OK, "41")
            : line.Contains("V1/orders?", StringComparison.Ordinal)
                ? StubHandler.Answer(HttpStatusCode.OK, orders ?? $$"""{"items":[{{MagentoOrder().ToJsonString()}}],"total_count":1}""")
                : shipments?.Invoke(line) ?? StubHandler.Answer(HttpStatusCode.OK, NoShipments));

    private static MagentoShipmentPublisher Publisher(ScriptedStore store) =>
        new(new HttpClient(store), new MagentoOutboundOptions { BaseUrl = "http://magento.test/rest/default/", AuthMode = "Bearer", AccessToken = MagentoToken, ReadAttempts = 1 });

    private static Task<Outcome> Publish(ScriptedStore store, ShipmentNotice? notice = null) => Publisher(store).PublishAsync(notice ?? Tee(), CancellationToken.None);

    [Fact]
    public async Task The_publisher_refuses_to_be_built_without_its_client_options_or_valid_options()
    {
        var options = new MagentoOutboundOptions { BaseUrl = "http://magento.test/rest/default/", AuthMode = "Bearer", AccessToken = MagentoToken };

        Assert.Equal("httpClient", Assert.Throws<ArgumentNullException>(() => new MagentoShipmentPublisher(null!, options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new MagentoShipmentPublisher(new HttpClient(), null!)).ParamName);
        Assert.Equal("AccessToken", Assert.Throws<ArgumentException>(() => new MagentoShipmentPublisher(new HttpClient(), options with { AccessToken = "" })).ParamName);
        await Assert.ThrowsAsync<ArgumentNullException>(() => Publisher(Store()).PublishAsync(null!, CancellationToken.None));
    }

    [Fact]
    public async Task It_finds_the_order_by_its_increment_id_reads_its_shipments_and_posts_one_exact_ship_body()
    {
        var store = Store();

        var outcome = await Publish(store, Tee(carrier: " UPS "));

        Assert.Equal(new Outcome.Published("41", AlreadyThere: false), outcome);
        Assert.Equal(
        [
            "GET " + Root + "orders?searchCriteria[filter_groups][0][filters][0][field]=increment_id&searchCriteria[filter_groups][0][filters][0][value]=000000003"
                + "&searchCriteria[filter_groups][0][filters][0][condition_type]=eq&searchCriteria[pageSize]=5",
            "GET " + Root + "shipments?searchCriteria[filter_groups][0][filters][0][field]=order_id&searchCriteria[filter_groups][0][filters][0][value]=3"
                + "&searchCriteria[filter_groups][0][filters][0][condition_type]=eq&searchCriteria[pageSize]=100&searchCriteria[currentPage]=1",
            "POST " + Root + "order/3/ship",
        ], store.Requests);
        Assert.Equal(
            """{"items":[{"order_item_id":3,"qty":1}],"notify":true,"comment":{"comment":"ActorSync dispatch D-1","is_visible_on_front":0},"tracks":[{"track_number":"1Z999AA10123456784","title":"UPS","carrier_code":"ups"}]}""",
            store.Seen[^1].Body);
    }

    [Fact]
    public async Task A_tracking_number_without_a_carrier_is_a_custom_track_titled_carrier()
    {
        var store = Store();

        await Publish(store, Tee(carrier: "  ", tracking: " 00370712345678901 "));

        var track = JsonNode.Parse(store.Seen[^1].Body)!["tracks"]![0]!;
        Assert.Equal(("00370712345678901", "Carrier", "custom"), ((string?)track["track_number"], (string?)track["title"], (string?)track["carrier_code"]));
    }

    [Theory]
    [InlineData("\"58\"", "58")]
    [InlineData(" 58\n", "58")]
    public async Task The_shipment_id_may_come_back_quoted(string body, string id)
    {
        Assert.Equal(new Outcome.Published(id, false), await Publish(Store(StubHandler.Answer(HttpStatusCode.OK, body))));
    }

    [Fact]
    public async Task A_shipment_id_of_zero_is_not_an_id()
    {
        var failed = Assert.IsType<Outcome.Failed>(await Publish(Store(StubHandler.Answer(HttpStatusCode.OK, "0"))));

        Assert.Equal("magento answered the ship request of order 000000003 with 200 but not with a shipment id (0); the shipment may exist, the next attempt looks for it", failed.Reason);
    }

    [Fact]
    public async Task An_order_gone_by_the_time_of_the_post_is_rejected_naming_both_ids()
    {
        var rejected = Assert.IsType<Outcome.Rejected>(await Publish(Store(StubHandler.Answer(HttpStatusCode.NotFound, """{"message":"The entity that was requested doesn't exist. Verify the entity and try again."}"""))));

        Assert.Equal("magento has no order with entity_id 3 (increment_id 000000003) to ship (magento POST " + Root
            + "order/3/ship answered 404: The entity that was requested doesn't exist. Verify the entity and try again.)", rejected.Reason);
    }

    [Fact]
    public async Task An_increment_id_shared_by_two_store_views_is_rejected_naming_their_entity_ids()
    {
        var second = Order(Item(9, "WS12-M-Orange", 1));
        second["entity_id"] = 7;
        var third = Order(Item(10, "WS12-M-Orange", 1));
        third.Remove("entity_id");

        var rejected = Assert.IsType<Outcome.Rejected>(await Publish(Store(orders: Orders(Order(Item(3, "WS12-M-Orange", 1)), second, third))));

        Assert.Equal("magento has 3 orders with increment_id 000000003 (entity_id 3, 7, ?, one per store?); which one shipped cannot be told.", rejected.Reason);
    }

    [Fact]
    public async Task Only_what_is_left_after_shipped_refunded_and_canceled_can_ship_and_every_problem_is_named()
    {
        var order = Order(
            Item(3, "WS12-M-Orange", 5, shipped: 1, refunded: 2, canceled: 1),
            Item(4, "GIFT-CARD-50", 1, type: "virtual"),
            Item(5, "EBOOK-7", 1, isVirtual: 1),
            Item(6, "MP3-12", 1, type: "downloadable"));
        var store = Store(orders: Orders(order));

        var rejected = Assert.IsType<Outcome.Rejected>(await Publish(store, Tee(lines: [("WS12-M-Orange", 2.5m), ("GIFT-CARD-50", 1), ("EBOOK-7", 1), ("MP3-12", 1), ("NOPE-1", 1)])));

        Assert.Equal("magento order 000000003 cannot take dispatch D-1: SKU WS12-M-Orange: 2.5 dispatched but only 2 left to ship (ordered 5, shipped 1, refunded 2, canceled 1); "
            + "SKU GIFT-CARD-50 is virtual on the order and does not ship; SKU EBOOK-7 is virtual on the order and does not ship; "
            + "SKU MP3-12 is virtual on the order and does not ship; SKU NOPE-1 is not on the order.", rejected.Reason);
        Assert.DoesNotContain(store.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_sku_on_several_rows_ships_from_each_in_turn_leaving_virtual_rows_out()
    {
        var order = Order(Item(3, "WS12-M-Orange", 1, shipped: 1), Item(7, "WS12-M-Orange", 2), Item(8, "WS12-M-Orange", 1, isVirtual: 1), Item(9, "WS12-M-Orange", 4));
        var store = Store(orders: Orders(order));

        Assert.IsType<Outcome.Published>(await Publish(store, Tee(lines: ("WS12-M-Orange", 3))));

        Assert.Equal("""[{"order_item_id":7,"qty":2},{"order_item_id":9,"qty":1}]""", JsonNode.Parse(store.Seen[^1].Body)!["items"]!.ToJsonString());
    }

    [Fact]
    public async Task A_sku_over_its_rows_is_rejected_with_what_all_its_rows_have_left()
    {
        var order = Order(Item(3, "WS12-M-Orange", 1), Item(7, "WS12-M-Orange", 2, shipped: 1));

        var rejected = Assert.IsType<Outcome.Rejected>(await Publish(Store(orders: Orders(order)), Tee(lines: ("WS12-M-Orange", 3))));

        Assert.Equal("magento order 000000003 cannot take dispatch D-1: SKU WS12-M-Orange: 3 dispatched but only 2 left to ship over its 2 rows.", rejected.Reason);
    }

    [Fact]
    public async Task A_bundle_s_child_ships_as_itself_and_a_configurable_s_child_through_its_parent()
    {
        var order = Order(
            Item(20, "MH01-XS-Black", 2, type: "configurable"), Item(21, "MH01-XS-Black", 2, parent: 20),
            Item(30, "24-WG080", 1, type: "bundle"), Item(31, "24-WG082-blue", 2, parent: 30));
        var store = Store(orders: Orders(order));

        Assert.IsType<Outcome.Published>(await Publish(store, Tee(lines: [("MH01-XS-Black", 2), ("24-WG082-blue", 2)])));

        Assert.Equal("""[{"order_item_id":20,"qty":2},{"order_item_id":31,"qty":2}]""", JsonNode.Parse(store.Seen[^1].Body)!["items"]!.ToJsonString());
    }

    private static string ShipmentsPage(int count, int? total, int firstId = 1, string? markedDispatch = null, int markedAt = -1)
    {
        var items = new JsonArray();
        for (var i = 0; i < count; i++)
        {
            var comments = new JsonArray(new JsonObject { ["comment"] = "Packed by Anna" });
            if (i == markedAt)
                comments.Add(new JsonObject { ["comment"] = "Handed to DHL\n" + ShipmentMarker.For(markedDispatch!) });
            items.Add(new JsonObject { ["entity_id"] = firstId + i, ["comments"] = comments });
        }

        var root = new JsonObject { ["items"] = items };
        if (total is { } t)
            root["total_count"] = t;
        return root.ToJsonString();
    }

    [Fact]
    public async Task Shipments_are_read_page_by_page_until_the_dispatch_s_marker_is_found()
    {
        var store = Store(shipments: line => StubHandler.Answer(HttpStatusCode.OK,
            line.EndsWith("currentPage]=1", StringComparison.Ordinal) ? ShipmentsPage(100, 150) : ShipmentsPage(50, 150, firstId: 101, markedDispatch: "D-1", markedAt: 49)));

        var outcome = await Publish(store);

        Assert.Equal(new Outcome.Published("150", AlreadyThere: true), outcome);
        Assert.Equal(2, store.Requests.Count(r => r.Contains("V1/shipments?", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Reading_stops_at_the_total_count_and_without_one_after_the_first_page()
    {
        var exact = Store(shipments: _ => StubHandler.Answer(HttpStatusCode.OK, ShipmentsPage(100, 100)));
        var noTotal = Store(shipments: _ => StubHandler.Answer(HttpStatusCode.OK, ShipmentsPage(100, null)));
        var noComments = Store(shipments: _ => StubHandler.Answer(HttpStatusCode.OK, """{"items":[{"entity_id":1}],"total_count":1}"""));

        Assert.IsType<Outcome.Published>(await Publish(exact));
        Assert.IsType<Outcome.Published>(await Publish(noTotal));
        Assert.IsType<Outcome.Published>(await Publish(noComments));
        Assert.Single(exact.Requests, r => r.Contains("V1/shipments?", StringComparison.Ordinal));
        Assert.Single(noTotal.Requests, r => r.Contains("V1/shipments?", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_order_with_more_shipments_than_the_publisher_reads_is_rejected()
    {
        var store = Store(shipments: _ => StubHandler.Answer(HttpStatusCode.OK, ShipmentsPage(100, 1_000_000)));

        var rejected = Assert.IsType<Outcome.Rejected>(await Publish(store));

        Assert.Equal("magento order 000000003 has more than 5000 shipments; the publisher does not look further.", rejected.Reason);
        Assert.Equal(50, store.Requests.Count(r => r.Contains("V1/shipments?", StringComparison.Ordinal)));
        Assert.EndsWith("currentPage]=50", store.Requests.Last(r => r.Contains("V1/shipments?", StringComparison.Ordinal)));
    }
}
