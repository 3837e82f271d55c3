using System.Net;
using ActorSync.Channels.Outbound;
using ActorSync.Emulators.Channels;
using ActorSync.Emulators.Channels.BigCommerce;
using static ActorSync.Channels.Tests.Outbound.OutboundRig;
using Outcome = ActorSync.Channels.Outbound.ShipmentPublishOutcome;

namespace ActorSync.Channels.Tests.Outbound;

public class BigCommerceShipmentPublisherSpecs
{
    private static ShipmentNotice Towel(string dispatch = "D-1", string? carrier = "UPS", string? tracking = "1Z999AA10123456784", decimal qty = 1) =>
        Notice("bigcommerce", "218", dispatch, carrier, tracking, ("S-ORAN", qty));

    [Fact]
    public async Task Creates_the_shipment_with_tracking_provider_and_the_dispatch_marker()
    {
        await using var rig = await BigCommerceRig.StartAsync();

        var outcome = await rig.PublishAsync(Towel());

        Assert.Equal(new Outcome.Published("1", AlreadyThere: false), outcome);
        var shipment = Assert.Single(rig.Emulator.GetOrder(218)!.Value.Shipments);
        Assert.Equal((132L, "1Z999AA10123456784", "ups", "ActorSync dispatch D-1"),
            ((long)shipment["order_address_id"]!, (string?)shipment["tracking_number"], (string?)shipment["shipping_provider"], (string?)shipment["comments"]));
        Assert.Equal((65L, 1L), ((long)shipment["items"]![0]!["order_product_id"]!, (long)shipment["items"]![0]!["quantity"]!));
    }

    [Fact]
    public async Task A_carrier_without_a_provider_value_goes_as_tracking_carrier_with_an_empty_provider()
    {
        await using var rig = await BigCommerceRig.StartAsync();
        Assert.IsType<Outcome.Published>(await rig.PublishAsync(Towel(carrier: "DHL Express", tracking: "JD014600006281230704")));
        var shipment = Assert.Single(rig.Emulator.GetOrder(218)!.Value.Shipments);
        Assert.Equal(("", "dhl-express"), ((string?)shipment["shipping_provider"], (string?)shipment["tracking_carrier"]));
    }

    [Fact]
    public async Task A_retry_after_the_answer_was_dropped_finds_the_shipment_and_creates_no_second_one()
    {
        await using var rig = await BigCommerceRig.StartAsync();
        rig.Emulator.ApplyFaults(new ChannelFaultSettings { DropShipmentResponses = 1 });

        var failed = Assert.IsType<Outcome.Failed>(await rig.PublishAsync(Towel()));
        Assert.Contains("may have been created", failed.Reason, StringComparison.Ordinal);

        var retry = await rig.PublishAsync(Towel());

        Assert.Equal(new Outcome.Published("1", AlreadyThere: true), retry);
        var stats = rig.Emulator.GetStats();
        Assert.Equal((1, 1L), (stats.ShipmentsOf("218"), stats.ShipmentsCreated));
        Assert.Equal(1L, stats.Requests["POST /v2/orders/{id}/shipments"]);
    }

    [Fact]
    public async Task Two_dispatches_of_one_order_make_two_shipments_and_each_is_recognised_afterwards()
    {
        await using var rig = await BigCommerceRig.StartAsync();
        Assert.Equal(new Outcome.Published("1", false), await rig.PublishAsync(Towel("D-1")));
        Assert.Equal(new Outcome.Published("2", false), await rig.PublishAsync(Notice("bigcommerce", "218", "D-2", "UPS", "1Z2", ("ABS", 1))));
        Assert.Equal(new Outcome.Published("1", true), await rig.PublishAsync(Towel("D-1")));
        Assert.Equal(new Outcome.Published("2", true), await rig.PublishAsync(Notice("bigcommerce", "218", "D-2", "UPS", "1Z2", ("ABS", 1))));
        Assert.Equal(2, rig.Emulator.GetStats().ShipmentsOf("218"));
        Assert.Equal("Shipped", (string?)rig.Emulator.GetOrder(218)!.Value.Order["status"]);
    }

    [Fact]
    public async Task An_unknown_order_is_rejected()
    {
        await using var rig = await BigCommerceRig.StartAsync();
        var rejected = Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Notice("bigcommerce", "999", "D-1", null, null, ("S-ORAN", 1))));
        Assert.StartsWith("bigcommerce has no order 999 (bigcommerce GET /stores/", rejected.Reason, StringComparison.Ordinal);
        Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Notice("bigcommerce", "000000003", "D-1", null, null, ("S-ORAN", 1))));
    }

    [Fact]
    public async Task Over_shipping_and_SKUs_not_on_the_order_are_rejected_without_posting()
    {
        await using var rig = await BigCommerceRig.StartAsync();
        var over = Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Towel(qty: 2)));
        Assert.Equal("bigcommerce order 218 cannot take dispatch D-1: SKU S-ORAN: 2 dispatched but only 1 left to ship (ordered 1, shipped 0).", over.Reason);
        var unknown = Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Notice("bigcommerce", "218", "D-1", null, null, ("NOPE", 1))));
        Assert.Contains("SKU NOPE is not on the order", unknown.Reason, StringComparison.Ordinal);
        Assert.False(rig.Emulator.GetStats().Requests.ContainsKey("POST /v2/orders/{id}/shipments"));

        Assert.IsType<Outcome.Published>(await rig.PublishAsync(Towel()));
        Assert.Contains("only 0 left to ship (ordered 1, shipped 1)", Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Towel("D-2"))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tracking_number_over_50_characters_is_rejected_before_any_request()
    {
        await using var rig = await BigCommerceRig.StartAsync();
        var rejected = Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Towel(tracking: new string('9', 51))));
        Assert.Contains("at most 50 characters", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("one of 51", rejected.Reason, StringComparison.Ordinal);
        Assert.Empty(rig.Emulator.GetStats().Requests);
        Assert.IsType<Outcome.Published>(await rig.PublishAsync(Towel(tracking: new string('9', 50))));
    }

    [Fact]
    public async Task Products_bound_for_two_addresses_are_rejected()
    {
        await using var rig = await BigCommerceRig.StartAsync(addressOf66: 133);
        var rejected = Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Notice("bigcommerce", "218", "D-1", "UPS", "1Z", ("S-ORAN", 1), ("ABS", 1))));
        Assert.Contains("ship to 2 addresses (132, 133)", rejected.Reason, StringComparison.Ordinal);
        Assert.IsType<Outcome.Published>(await rig.PublishAsync(Notice("bigcommerce", "218", "D-2", "UPS", "1Z", ("ABS", 1))));
        Assert.Equal(133L, (long)rig.Emulator.GetOrder(218)!.Value.Shipments[0]["order_address_id"]!);
    }

    [Fact]
    public async Task A_fractional_quantity_is_rejected()
    {
        await using var rig = await BigCommerceRig.StartAsync();
        Assert.Contains("whole units", Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Towel(qty: 0.5m))).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_exhausted_quota_is_failed_with_the_reset_time_as_retry_after()
    {
        var clock = new HandClock(DateTimeOffset.UtcNow);
        await using var rig = await BigCommerceRig.StartAsync(emulatorOptions: new BigCommerceEmulatorOptions { Clock = clock });
        rig.Emulator.ApplyFaults(new ChannelFaultSettings { RateLimit = new ChannelRateLimit(150, 30_000, RequestsLeft: 0) });

        var failed = Assert.IsType<Outcome.Failed>(await rig.PublishAsync(Towel()));

        Assert.Equal(TimeSpan.FromSeconds(30), failed.RetryAfter);
        Assert.Contains("answered 429", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(1L, rig.Emulator.GetStats().RateLimited); // not retried against the quota

        clock.Advance(TimeSpan.FromSeconds(30));
        Assert.IsType<Outcome.Published>(await rig.PublishAsync(Towel()));
    }

    [Fact]
    public async Task A_quota_that_runs_out_at_the_post_is_failed_and_the_next_attempt_creates_the_shipment_once()
    {
        var clock = new HandClock(DateTimeOffset.UtcNow);
        await using var rig = await BigCommerceRig.StartAsync(emulatorOptions: new BigCommerceEmulatorOptions { Clock = clock });
        // Three reads (shipments, products, addresses) fit; the POST does not.
        rig.Emulator.ApplyFaults(new ChannelFaultSettings { RateLimit = new ChannelRateLimit(150, 30_000, RequestsLeft: 3) });
        clock.Advance(TimeSpan.FromSeconds(10));

        var failed = Assert.IsType<Outcome.Failed>(await rig.PublishAsync(Towel()));
        Assert.Equal(TimeSpan.FromSeconds(20), failed.RetryAfter);
        Assert.DoesNotContain("may have been created", failed.Reason, StringComparison.Ordinal);

        clock.Advance(TimeSpan.FromSeconds(20));
        Assert.Equal(new Outcome.Published("1", false), await rig.PublishAsync(Towel()));
        Assert.Equal(1, rig.Emulator.GetStats().ShipmentsOf("218"));
    }

    [Fact]
    public async Task An_outage_is_failed_after_the_reads_were_retried()
    {
        await using var rig = await BigCommerceRig.StartAsync(tweak: o => o with { ReadAttempts = 2 });
        rig.Emulator.ApplyFaults(new ChannelFaultSettings { Outage = new ChannelOutage(502, 60_000) });
        var failed = Assert.IsType<Outcome.Failed>(await rig.PublishAsync(Towel()));
        Assert.Contains("answered 502", failed.Reason, StringComparison.Ordinal);
        Assert.Equal(2L, rig.Emulator.GetStats().Requests["GET /v2/orders/{id}/shipments"]);
    }

    [Fact]
    public async Task A_refused_token_is_rejected_without_the_token()
    {
        await using var rig = await BigCommerceRig.StartAsync(tweak: o => o with { AccessToken = "bc-WRONG-0000" });
        var rejected = Assert.IsType<Outcome.Rejected>(await rig.PublishAsync(Towel()));
        Assert.Contains("answered 401", rejected.Reason, StringComparison.Ordinal);
        Assert.Contains("check the API account's access token", rejected.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain("bc-WRONG-0000", rejected.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Shipment_lists_in_an_unexpected_shape_are_rejected_naming_the_problem()
    {
        var stub = new StubHandler(_ => StubHandler.Answer(HttpStatusCode.OK, """{"id":1}"""));
        var publisher = new BigCommerceShipmentPublisher(new HttpClient(stub), new BigCommerceOutboundOptions { StoreHash = "abc", AccessToken = BigCommerceToken });
        var rejected = Assert.IsType<Outcome.Rejected>(await publisher.PublishAsync(Towel(), CancellationToken.None));
        Assert.Contains("bigcommerce payload: $ must be an array, was an object", rejected.Reason, StringComparison.Ordinal);
        Assert.Equal("GET /stores/abc/v2/orders/218/shipments?page=1&limit=250", Assert.Single(stub.Requests));
    }
}
