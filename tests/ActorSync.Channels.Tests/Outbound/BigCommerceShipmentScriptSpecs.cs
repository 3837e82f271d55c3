using System.Net;
using System.Text.Json.Nodes;
using ActorSync.Channels.Outbound;
using static ActorSync.Channels.Tests.Outbound.OutboundRig;
using Outcome = ActorSync.Channels.Outbound.ShipmentPublishOutcome;

namespace ActorSync.Channels.Tests.Outbound;

/// <summary>
/// The BigCommerce publisher against a store scripted request by request: the lists it reads and how it pages them,
/// the products and address a shipment takes, the exact body, and how each odd answer is classified and logged.
/// </summary>
public class BigCommerceShipmentScriptSpecs
{
    private const string Root = "/stores/abc123/v2/orders/218/";

    private static ShipmentNotice Dispatch(string dispatch = "D-1", string? carrier = "UPS", string? tracking = "1Z999AA10123456784", params (string Sku, decimal Qty)[] lines) =>
        Notice("bigcommerce", "218", dispatch, carrier, tracking, lines.Length == 0 ? [("S-ORAN", 1)] : lines);

    private static JsonObject Product(long id, string sku, long quantity, long shipped = 0, long? address = 132, bool bundled = false) => new()
    {
        ["id"] = id, ["order_id"] = 218, ["sku"] = sku, ["quantity"] = quantity, ["quantity_shipped"] = shipped,
        ["order_address_id"] = address, ["is_bundled_product"] = bundled,
    };

    private static readonly JsonObject[] TwoProducts = [Product(65, "S-ORAN", 1), Product(66, "ABS", 1, bundled: true)];

    /// <summary>Answers per resource; the POST answers <paramref name="post"/> (a created shipment 9 by default).</summary>
    private static ScriptedStore Store(JsonObject[]? products = null, long[]? addresses = null, Func<string, HttpResponseMessage>? shipments = null,
        HttpResponseMessage? post = null) =>
        new((request, line) =>
        {
            if (request.Method == HttpMethod.Post)
                return post ?? StubHandler.Answer(HttpStatusCode.Created, """{"id":9,"order_id":218}""");
            if (line.Contains("/shipments?", StringComparison.Ordinal))
                return shipments?.Invoke(line) ?? new HttpResponseMessage(HttpStatusCode.NoContent);
            if (line.Contains("/products?", StringComparison.Ordinal))
                return StubHandler.Answer(HttpStatusCode.OK, new JsonArray((products ?? TwoProducts).Select(p => (JsonNode)p.DeepClone()).ToArray()).ToJsonString());
            return StubHandler.Answer(HttpStatusCode.OK, new JsonArray((addresses ?? [132]).Select(a => (JsonNode)new JsonObject { ["id"] = a }).ToArray()).ToJsonString());
        });

    private static BigCommerceShipmentPublisher Publisher(ScriptedStore store, CapturingLogger<BigCommerceShipmentPublisher>? log = null, int attempts = 1) =>
        new(new HttpClient(store), new BigCommerceOutboundOptions
        {
            ApiBaseUrl = "http://bigcommerce.test/", StoreHash = "abc123", AccessToken = BigCommerceToken, ReadAttempts = attempts, ReadRetryDelay = TimeSpan.FromMilliseconds(1),
        }, log);

    private static Task<Outcome> Publish(ScriptedStore store, ShipmentNotice? notice = null, CapturingLogger<BigCommerceShipmentPublisher>? log = null, int attempts = 1) =>
        Publisher(store, log, attempts).PublishAsync(notice ?? Dispatch(), CancellationToken.None);

    [Fact]
    public async Task The_publisher_refuses_to_be_built_or_to_publish_without_what_it_needs()
    {
        var options = new BigCommerceOutboundOptions { ApiBaseUrl = "http://bigcommerce.test/", StoreHash = "abc123", AccessToken = BigCommerceToken };

        Assert.Equal("httpClient", Assert.Throws<ArgumentNullException>(() => new BigCommerceShipmentPublisher(null!, options)).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentNullException>(() => new BigCommerceShipmentPublisher(new HttpClient(), null!)).ParamName);
        await Assert.ThrowsAsync<ArgumentNullException>(() => Publisher(Store()).PublishAsync(null!, CancellationToken.None));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-218")]
    [InlineData("218a")]
    public async Task An_order_id_that_is_not_a_positive_whole_number_is_rejected_without_a_request(string id)
    {
        var store = Store();

        var outcome = await Publish(store, Notice("bigcommerce", id, "D-1", null, null, ("S-ORAN", 1)));

        Assert.Equal(new Outcome.Rejected($"bigcommerce order ids are whole numbers; '{id}' is not one."), outcome);
        Assert.Empty(store.Seen);
    }

    [Fact]
    public async Task It_reads_shipments_products_and_addresses_then_posts_one_exact_body_and_logs_the_shipment()
    {
        var store = Store();
        var log = new CapturingLogger<BigCommerceShipmentPublisher>();

        var outcome = await Publish(store, Dispatch(carrier: " UPS ", tracking: " 1Z999AA10123456784 "), log);

        Assert.Equal(new Outcome.Published("9", AlreadyThere: false), outcome);
        Assert.Equal(
        [
            "GET " + Root + "shipments?page=1&limit=250", "GET " + Root + "products?page=1&limit=250", "GET " + Root + "shipping_addresses?page=1&limit=250",
            "POST " + Root + "shipments",
        ], store.Requests);
        Assert.Equal("""{"order_address_id":132,"items":[{"order_product_id":65,"quantity":1}],"tracking_number":"1Z999AA10123456784","shipping_provider":"ups","comments":"ActorSync dispatch D-1"}""",
            store.Seen[^1].Body);
        Assert.Contains(log.Lines, l => l.StartsWith("Information: bigcommerce order 218 dispatch D-1: shipment 9 created", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_carrier_bigcommerce_does_not_list_goes_as_a_tracking_carrier_slug_and_no_carrier_as_none()
    {
        var slugged = Store();
        var bare = Store();

        await Publish(slugged, Dispatch(carrier: "DHL Express"));
        await Publish(bare, Dispatch(carrier: " ", tracking: null));

        var body = JsonNode.Parse(slugged.Seen[^1].Body)!;
        Assert.Equal(("", "dhl-express"), ((string?)body["shipping_provider"], (string?)body["tracking_carrier"]));
        Assert.Equal("""{"order_address_id":132,"items":[{"order_product_id":65,"quantity":1}],"comments":"ActorSync dispatch D-1"}""", bare.Seen[^1].Body);
    }

    [Fact]
    public async Task A_shipment_already_carrying_the_marker_is_answered_as_already_there_and_logged_so()
    {
        var log = new CapturingLogger<BigCommerceShipmentPublisher>();
        var store = Store(shipments: _ => StubHandler.Answer(HttpStatusCode.OK,
            """[{"id":4,"comments":"Packed by Anna"},{"id":7,"comments":"Left at the door\nActorSync dispatch D-1"}]"""));

        var outcome = await Publish(store, log: log);

        Assert.Equal(new Outcome.Published("7", AlreadyThere: true), outcome);
        Assert.Single(store.Seen);
        Assert.Contains(log.Lines, l => l.StartsWith("Information: bigcommerce order 218 dispatch D-1: shipment 7 was already there", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_list_is_read_page_by_page_while_pages_are_full()
    {
        var full = Enumerable.Range(1, 250).Select(i => (JsonNode)new JsonObject { ["id"] = i, ["comments"] = "ActorSync dispatch D-0" }).ToArray();
        var store = Store(shipments: line => StubHandler.Answer(HttpStatusCode.OK,
            line.Contains("page=1&", StringComparison.Ordinal) ? new JsonArray(full).ToJsonString() : """[{"id":251,"comments":"ActorSync dispatch D-1"}]"""));

        Assert.Equal(new Outcome.Published("251", AlreadyThere: true), await Publish(store));
        Assert.Equal(["GET " + Root + "shipments?page=1&limit=250", "GET " + Root + "shipments?page=2&limit=250"], store.Requests);
    }

    [Fact]
    public async Task An_empty_body_ends_a_list_and_an_order_with_more_than_the_publisher_reads_is_rejected()
    {
        var emptyBody = Store(shipments: _ => StubHandler.Answer(HttpStatusCode.OK, " "));
        var full = new JsonArray(Enumerable.Range(1, 250).Select(i => (JsonNode)new JsonObject { ["id"] = i }).ToArray()).ToJsonString();
        var endless = Store(shipments: _ => StubHandler.Answer(HttpStatusCode.OK, full));

        Assert.IsType<Outcome.Published>(await Publish(emptyBody));
        var rejected = Assert.IsType<Outcome.Rejected>(await Publish(endless));

        Assert.Equal("bigcommerce order 218 has more than 5000 shipments; the publisher does not look further.", rejected.Reason);
        Assert.Equal(20, endless.Requests.Count());
        Assert.Equal("GET " + Root + "shipments?page=20&limit=250", endless.Requests.Last());
    }

    [Fact]
    public async Task A_sku_ships_from_its_top_level_row_before_its_bundled_one_and_every_problem_is_named()
    {
        var products = new[] { Product(66, "ABS", 2, bundled: true), Product(67, "ABS", 1, shipped: 1), Product(68, "ABS", 2), Product(65, "S-ORAN", 3, shipped: 1) };
        var store = Store(products);

        Assert.IsType<Outcome.Published>(await Publish(store, Dispatch(lines: ("ABS", 3))));
        var rejected = Assert.IsType<Outcome.Rejected>(await Publish(Store(products), Dispatch(lines: [("ABS", 5), ("S-ORAN", 3), ("NOPE", 1)])));

        Assert.Equal("""[{"order_product_id":68,"quantity":2},{"order_product_id":66,"quantity":1}]""", JsonNode.Parse(store.Seen[^1].Body)!["items"]!.ToJsonString());
        Assert.Equal("bigcommerce order 218 cannot take dispatch D-1: SKU ABS: 5 dispatched but only 4 left to ship (ordered 5, shipped 1); "
            + "SKU S-ORAN: 3 dispatched but only 2 left to ship (ordered 3, shipped 1); SKU NOPE is not on the order.", rejected.Reason);
    }

    [Fact]
    public async Task The_shipment_goes_to_the_one_address_its_products_name()
    {
        var toSecond = Store([Product(65, "S-ORAN", 1, address: 133), Product(66, "ABS", 1, address: 133)], [132, 133]);
        var unnamed = Store([Product(65, "S-ORAN", 1, address: 0)], [133]);

        await Publish(toSecond, Dispatch(lines: [("S-ORAN", 1), ("ABS", 1)]));
        await Publish(unnamed);

        Assert.Equal(133, (long)JsonNode.Parse(toSecond.Seen[^1].Body)!["order_address_id"]!);
        Assert.Equal(133, (long)JsonNode.Parse(unnamed.Seen[^1].Body)!["order_address_id"]!);
    }

    [Theory]
    [InlineData(new long[0], 132L, 0L, "the order has no shipping address (a digital order?)")]
    [InlineData(new long[] { 132, 133 }, 132L, 133L, "its products ship to 2 addresses (132, 133); BigCommerce takes one shipment per address")]
    [InlineData(new long[] { 132, 133 }, 134L, 134L, "its products name shipping address 134, which is not among the order's (132, 133)")]
    [InlineData(new long[] { 132, 133 }, 0L, 0L, "the order has 2 shipping addresses and its products name none")]
    public async Task A_shipment_whose_address_cannot_be_told_is_rejected_saying_why(long[] addresses, long first, long second, string why)
    {
        var store = Store([Product(65, "S-ORAN", 1, address: first), Product(66, "ABS", 1, address: second)], addresses);

        var rejected = Assert.IsType<Outcome.Rejected>(await Publish(store, Dispatch(lines: [("S-ORAN", 1), ("ABS", 1)])));

        Assert.Equal($"bigcommerce order 218 cannot take dispatch D-1: {why}.", rejected.Reason);
        Assert.DoesNotContain(store.Requests, r => r.StartsWith("POST", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("""[{"id":12}]""", "12")]
    [InlineData("""{"id":"12"}""", "12")]
    public async Task The_created_shipment_s_id_is_read_from_an_object_or_a_list(string body, string id)
    {
        Assert.Equal(new Outcome.Published(id, false), await Publish(Store(post: StubHandler.Answer(HttpStatusCode.Created, body))));
    }

    [Theory]
    [InlineData("[]", "[]")]
    [InlineData("""{"order_id":218}""", """{"order_id":218}""")]
    [InlineData("not json", "not json")]
    public async Task A_created_shipment_without_a_readable_id_is_failed_so_the_next_attempt_looks_for_it(string body, string shown)
    {
        var failed = Assert.IsType<Outcome.Failed>(await Publish(Store(post: StubHandler.Answer(HttpStatusCode.OK, body))));

        Assert.StartsWith("bigcommerce answered the shipment POST of order 218 with 200 but without a readable shipment id (", failed.Reason, StringComparison.Ordinal);
        Assert.EndsWith("); the shipment may exist, the next attempt looks for it", failed.Reason, StringComparison.Ordinal);
        Assert.Contains($"({shown})", failed.Reason, StringComparison.Ordinal);
    }

    public static TheoryData<int, bool, string> PostAnswers => new()
    {
        // status, a created shipment may hide behind it, how the reason ends
        { 500, true, "answered 500: Internal error; the shipment may have been created, the next attempt looks for it before posting again" },
        { 502, true, "answered 502: Internal error; the shipment may have been created, the next attempt looks for it before posting again" },
        { 503, false, "answered 503: Internal error" },
        { 408, false, "answered 408: Internal error" },
        { 401, false, "answered 401: Internal error; check the API account's access token, its store hash and its Orders scope (modify)" },
        { 404, false, "bigcommerce has no order 218 (bigcommerce POST " + Root + "shipments answered 404: Internal error)" },
        { 422, false, "answered 422: Internal error" },
        { 302, true, "answered 302: Internal error (not an answer the publisher expects)" },
    };

    [Theory]
    [MemberData(nameof(PostAnswers))]
    public async Task Each_answer_to_the_shipment_post_is_classified(int status, bool failed, string ends)
    {
        var log = new CapturingLogger<BigCommerceShipmentPublisher>();
        var store = Store(post: StubHandler.Answer((HttpStatusCode)status, """[{"status":500,"message":"Internal error"}]"""));

        var outcome = await Publish(store, log: log);

        var reason = failed || status is 503 or 408 ? Assert.IsType<Outcome.Failed>(outcome).Reason : Assert.IsType<Outcome.Rejected>(outcome).Reason;
        Assert.EndsWith(ends, reason, StringComparison.Ordinal);
        Assert.Contains(log.Lines, l => l.StartsWith(outcome is Outcome.Failed ? "Warning: bigcommerce order 218 dispatch D-1 failed, will be retried: " : "Warning: bigcommerce order 218 dispatch D-1 rejected: ", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_read_that_answers_500_is_retried_then_failed_without_saying_a_shipment_may_exist()
    {
        var log = new CapturingLogger<BigCommerceShipmentPublisher>();
        var store = new ScriptedStore((_, _) => StubHandler.Answer(HttpStatusCode.InternalServerError, """{"title":"Internal Server Error","status":500}"""));

        var failed = Assert.IsType<Outcome.Failed>(await Publish(store, log: log, attempts: 3));

        Assert.Equal("bigcommerce GET " + Root + "shipments answered 500: Internal Server Error", failed.Reason);
        Assert.Equal(3, store.Seen.Count);
        Assert.Equal(2, log.Lines.Count(l => l.Contains("bigcommerce read " + Root + "shipments: attempt", StringComparison.Ordinal)));
        Assert.Contains(log.Lines, l => l.Contains("attempt 2 failed (bigcommerce GET " + Root + "shipments answered 500: Internal Server Error); retrying in", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_quota_answer_is_failed_with_the_wait_the_store_names_and_a_404_read_names_the_order()
    {
        var quota = new HttpResponseMessage((HttpStatusCode)429) { Content = new StringContent("") };
        quota.Headers.Add("X-Rate-Limit-Time-Reset-Ms", "1500");
        var retryAfter = new HttpResponseMessage(HttpStatusCode.ServiceUnavailable) { Content = new StringContent("") };
        retryAfter.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.FromSeconds(20));

        var limited = Assert.IsType<Outcome.Failed>(await Publish(new ScriptedStore((_, _) => quota)));
        var busy = Assert.IsType<Outcome.Failed>(await Publish(new ScriptedStore((_, _) => retryAfter)));
        var missing = Assert.IsType<Outcome.Rejected>(await Publish(new ScriptedStore((_, _) => StubHandler.Answer(HttpStatusCode.NotFound, """[{"status":404,"message":"The requested resource was not found."}]"""))));

        Assert.Equal((TimeSpan.FromMilliseconds(1500), "bigcommerce GET " + Root + "shipments answered 429: (no body)"), (limited.RetryAfter, limited.Reason));
        Assert.Equal(TimeSpan.FromSeconds(20), busy.RetryAfter);
        Assert.Equal("bigcommerce has no order 218 (bigcommerce GET " + Root + "shipments answered 404: The requested resource was not found.)", missing.Reason);
    }

    [Fact]
    public async Task A_2xx_other_than_200_is_a_success_and_299_is_the_last_one()
    {
        var store = new ScriptedStore((request, line) => request.Method == HttpMethod.Post
            ? StubHandler.Answer((HttpStatusCode)299, """{"id":31}""")
            : line.Contains("/products?", StringComparison.Ordinal) ? StubHandler.Answer(HttpStatusCode.OK, new JsonArray(Product(65, "S-ORAN", 1)).ToJsonString())
            : line.Contains("/shipping_addresses?", StringComparison.Ordinal) ? StubHandler.Answer(HttpStatusCode.OK, """[{"id":132}]""")
            : new HttpResponseMessage(HttpStatusCode.NoContent));

        Assert.Equal(new Outcome.Published("31", false), await Publish(store));
    }
}
