using System.Net;
using ActorSync.Channels.Outbound;
using ActorSync.Emulators.Channels;
using static ActorSync.Channels.Tests.Outbound.OutboundRig;
using Outcome = ActorSync.Channels.Outbound.ShipmentPublishOutcome;

namespace ActorSync.Channels.Tests.Outbound;

public class MagentoShipmentPublisherSpecs
{
    private static ShipmentNotice Tee(string dispatch = "D-1", string? carrier = "UPS", string? tracking = "1Z999AA10123456784", decimal qty = 1) =>
        Notice("magento", "000000003", dispatch, carrier, tracking, ("WS12-M-Orange", qty));

    [Fact]
    public async Task Creates_the_shipment_with_its_track_and_the_dispatch_marker()
    {
        await using var rig = await MagentoRig.StartAsync();

        var outcome = await rig.PublishAsync(Tee());

        Assert.Equal(new Outcome.Published("1", AlreadyThere: false), outcome);
        var shipment = Assert.Single(rig.Emulator.GetShipments(3));
        Assert.Equal(("1Z999AA10123456784", "ups", "UPS"),
            ((string?)shipment["tracks"]![0]!["track_number"], (string?)shipment["tracks"]![0]!["carrier_code"], (string?)shipment["tracks"]![0]!["title"]));
        Assert.Equal("ActorSync dispatch D-1", (string?)shipment["comments"]![0]!["comment"]);
        Assert.Equal((3L, 1m), ((long)shipment["items"]![0]!["order_item_id"]!, (decimal)shipment["items"]![0]!["qty"]!));
        Assert.Equal(1, (int)shipment["email_sent"]!); // notify: true
    }

    [Fact]
    public async Task A_retry_after_the_answer_was_dropped_finds_the_shipment_and_creates_no_second_one()
    {
        await using var rig = await MagentoRig.StartAsync();
        rig.Emulator.ApplyFaults(new ChannelFaultSettings { DropShipmentResponses = 1 });

        var first = await rig.PublishAsync(Tee());
        var failed = Assert.IsType<Outcome.Failed>(first);
        Assert.Contains("may have been created", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(1, rig.Emulator.GetStats().ShipmentsOf("3")); // it did commit

        var retry = await rig.PublishAsync(Tee());

        Assert.Equal(new Outcome.Published("1", AlreadyThere: true), retry);
        var stats = rig.Emulator.GetStats();
        Assert.Equal((1, 1L, 1L), (stats.ShipmentsOf("3"), stats.ShipmentsCreated, stats.Requests["POST /V1/order/{id}/ship"]));
    }

    [Fact]
    public async Task Publishing_the_same_dispatch_again_answers_already_there_without_posting()
    {
        await using var rig = await MagentoRig.StartAsync(MagentoOrder(withConfigurable: true));
        Assert.IsType<Outcome.Published>(await rig.PublishAsync(Notice("magento", "000000003", "D-12", "UPS", "1Z1", ("MH01-XS-Black", 1))));

        // Dispatch D-1 (a prefix of D-12) is another dispatch: it ships, and D-12 is still recognised exactly.
        Assert.Equal(new Outcome.Published("2", false), await rig.PublishAsync(Notice("magento", "000000003", "D-1", "UPS", "1Z2", ("MH01-XS-Black", 1))));
        Assert.Equal(new Outcome.Published("1", true), await rig.PublishAsync(Notice("magento", "000000003", "D-12", "UPS", "1Z1", ("MH01-XS-Black", 1))));
        Assert.Equal(2, rig.Emulator.GetStats().ShipmentsOf("3"));
    }

    [Fact]
    public async Task A_configurable_product_ships_through_its_parent_row_and_its_child_follows()
    {
        await using var rig = await MagentoRig.StartAsync(MagentoOrder(withConfigurable: true));

        var outcome = await rig.PublishAsync(Notice("magento", "000000003", "D-1", "DHL Express", "JD0146000", ("MH01-XS-Black", 2)));

        Assert.IsType<Outcome.Published>(outcome);
        var shipment = Assert.Single(rig.Emulator.GetShipments(3));
        Assert.Equal(4L, (long)shipment["items"]![0]!["order_item_id"]!); // the parent, not child 5
        Assert.Equal("dhl", (string?)shipment["tracks"]![0]!["carrier_code"]);
        var rows = rig.Emulator.GetOrder(3)!["items"]!.AsArray();
        Assert.Equal((0m, 2m, 2m), ((decimal)rows[0]!["qty_shipped"]!, (decimal)rows[1]!["qty_shipped"]!, (decimal)rows[2]!["qty_shipped"]!));
    }

    [Fact]
    public async Task A_carrier_Magento_does_not_know_is_a_custom_track_titled_with_the_carrier()
    {
        await using var rig = await MagentoRig.StartAsync();
        Assert.IsType<Outcome.Published>(await rig.PublishAsync(Tee(carrier: "PostNord", tracking: "00370712345678901")));
        var track = Assert.Single(rig.Emulator.GetShipments(3))["tracks"]![0]!;
        Assert.Equal(("custom", "PostNord"), ((string?)track["carrier_code"], (string?)track["title"]));
    }

    [Fact]
    public async Task A_dispatch_without_tracking_number_ships_without_a_track()
    {
        await using var rig = await MagentoRig.StartAsync();
        Assert.IsType<Outcome.Published>(await rig.PublishAsync(Tee(carrier: null, tracking: null)));
        Assert.Empty(Assert.Single(rig.Emulator.GetShipments(3))["tracks"]!.AsArray());
    }

    [Fact]
    public async Task An_unknown_order_is_rejected()
    {
        await using var rig = await MagentoRig.StartAsync();
        var outcome = await rig.PublishAsync(Notice("magento", "000000099", "D-1", "UPS", "1Z", ("WS12-M-Orange", 1)));
        Assert.Equal(new Outcome.Rejected("magento has no order with increment_id 000000099."), outcome);
    }

    [Fact]
    public async Task A_SKU_that_is_not_on_the_order_is_rejected_without_posting()
    {
        await using var rig = await MagentoRig.StartAsync();
        var outcome = await rig.PublishAsync(Notice("magento", "000000003", "D-1", "UPS", "1Z", ("WS12-M-Orange", 1), ("NOPE-1", 1)));
        var rejected = Assert.IsType<Outcome.Rejected>(outcome);
        Assert.Contains("SKU NOPE-1 is not on the order", rejected.Reason, StringComparison.Ordinal);
        Assert.False(rig.Emulator.GetStats().Requests.ContainsKey("POST /V1/order/{id}/ship"));
    }

    [Fact]
    public async Task Over_shipping_is_rejected_with_what_is_left_to_ship()
    {
        await using var rig = await MagentoRig.StartAsync();
        var outcome = await rig.PublishAsync(Tee(qty: 2));
        Assert.Equal(new Outcome.Rejected(
            "magento order 000000003 cannot take dispatch D-1: SKU WS12-M-Orange: 2 dispatched but only 1 left to ship (ordered 1, shipped 0, refunded 0, canceled 0)."), outcome);

        Assert.IsType<Outcome.Published>(await rig.PublishAsync(Tee()));
        var second = Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Tee(dispatch: "D-2")));
        Assert.Contains("only 0 left to ship (ordered 1, shipped 1", second.Reason, StringComparison.Ordinal);
        Assert.Equal(1, rig.Emulator.GetStats().ShipmentsOf("3"));
    }

    [Fact]
    public async Task A_shipment_Magento_refuses_is_rejected_with_Magentos_message()
    {
        await using var rig = await MagentoRig.StartAsync(MagentoOrder(state: "holded"));
        var rejected = Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Tee()));
        Assert.Contains("answered 400: Shipment Document Validation Error(s): A shipment cannot be created when an order has a status of holded", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outage_is_failed_after_the_reads_were_retried()
    {
        await using var rig = await MagentoRig.StartAsync(tweak: o => o with { ReadAttempts = 3 });
        rig.Emulator.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(503, 60_000) });

        var failed = Assert.IsType<Outcome.Failed>(await rig.PublishAsync(Tee()));

        Assert.Contains("answered 503: 503 Service Unavailable (an HTML page)", failed.Reason, StringComparison.Ordinal);
        Assert.Null(failed.RetryAfter);
        Assert.Equal(3L, rig.Emulator.GetStats().Requests["GET /V1/orders"]);
        Assert.Equal(0, rig.Emulator.GetStats().ShipmentsOf("3"));
    }

    [Fact]
    public async Task A_store_that_does_not_answer_in_time_is_failed()
    {
        await using var rig = await MagentoRig.StartAsync(tweak: o => o with { RequestTimeout = TimeSpan.FromMilliseconds(200), ReadAttempts = 1 });
        rig.Emulator.ApplyFaults(new ChannelFaultSettings { LatencyMs = 2_000 });
        var failed = Assert.IsType<Outcome.Failed>(await rig.PublishAsync(Tee()));
        Assert.Contains("got no answer: no answer within 0.2 s", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_is_failed()
    {
        using var http = new HttpClient();
        var publisher = new MagentoShipmentPublisher(http, new MagentoOutboundOptions
        {
            BaseUrl = "http://127.0.0.1:1/rest/default/", AuthMode = "Bearer", AccessToken = MagentoToken, ReadAttempts = 1,
        });
        var failed = Assert.IsType<Outcome.Failed>(await publisher.PublishAsync(Tee(), CancellationToken.None));
        Assert.Contains("could not connect", failed.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refused_token_is_rejected_with_what_to_check_and_without_the_token()
    {
        await using var rig = await MagentoRig.StartAsync(emulatorToken: "another-token");
        var rejected = Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Tee()));
        Assert.Contains("answered 401: The consumer isn't authorized to access Magento_Sales::actions_view.", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("standalone Bearer tokens", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain(MagentoToken, rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_escapes_as_OperationCanceledException()
    {
        await using var rig = await MagentoRig.StartAsync();
        rig.Emulator.ApplyFaults(new ChannelFaultSettings { LatencyMs = 5_000 });
        using var cts = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => rig.Publisher.PublishAsync(Tee(), cts.Token));
    }

    [Fact]
    public async Task A_notice_for_another_channel_or_without_lines_is_rejected_without_a_request()
    {
        await using var rig = await MagentoRig.StartAsync();
        Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Notice("bigcommerce", "000000003", "D-1", null, null, ("WS12-M-Orange", 1))));
        Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Notice("magento", "000000003", "D-1", null, null)));
        Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Notice("magento", "000000003", "D-1", null, null, ("WS12-M-Orange", 0))));
        Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Notice("magento", "000000003", "D\n1", null, null, ("WS12-M-Orange", 1))));
        Assert.Empty(rig.Emulator.GetStats().Requests);
    }

    [Fact]
    public async Task An_answer_that_is_not_JSON_is_failed_and_one_in_an_unexpected_shape_is_rejected_naming_the_field()
    {
        static MagentoShipmentPublisher With(StubHandler stub) =>
            new(new HttpClient(stub), new MagentoOutboundOptions { BaseUrl = "http://magento.test/rest/default/", AuthMode = "Bearer", AccessToken = MagentoToken, ReadAttempts = 1 });

        var html = With(new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, "<html><title>Maintenance</title></html>", "text/html")));
        var failed = Assert.IsType<Outcome.Failed>(await html.PublishAsync(Tee(), CancellationToken.None));
        Assert.Contains("a body that is not JSON: Maintenance (an HTML page)", failed.Reason, StringComparison.Ordinal);

        var shapeless = With(new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, """{"items":[{"entity_id":3,"items":[{"item_id":3,"qty_ordered":1}]}],"total_count":1}""")));
        var rejected = Assert.IsType<Outcome.Rejected>(await shapeless.PublishAsync(Tee(), CancellationToken.None));
        Assert.Contains("magento payload: items[0].items[0].sku is missing", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_created_shipment_whose_answer_is_not_an_id_is_failed_so_the_next_attempt_looks_for_it()
    {
        var order = MagentoOrder().ToJsonString();
        var stub = new StubHandler(request => request.Method == HttpMethod.Post
            ? StubHandler.Answer(HttpStatusCode.OK, "\"ok\"")
            : request.RequestUri!.AbsolutePath.EndsWith("/orders", StringComparison.Ordinal)
                ? StubHandler.Answer(HttpStatusCode.OK, $$"""{"items":[{{order}}],"total_count":1}""")
                : StubHandler.Answer(HttpStatusCode.OK, """{"items":[],"total_count":0}"""));
        var publisher = new MagentoShipmentPublisher(new HttpClient(stub), new MagentoOutboundOptions { BaseUrl = "http://magento.test/rest/default", AuthMode = "Bearer", AccessToken = MagentoToken });

        var failed = Assert.IsType<Outcome.Failed>(await publisher.PublishAsync(Tee(), CancellationToken.None));

        Assert.Contains("not with a shipment id", failed.Reason, StringComparison.Ordinal);
        Assert.Equal("POST /rest/default/V1/order/3/ship", stub.Requests[^1]);
    }
}
