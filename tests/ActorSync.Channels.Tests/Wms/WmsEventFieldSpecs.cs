using System.Text.Json.Nodes;
using ActorSync.Channels.Wms;

namespace ActorSync.Channels.Tests.Wms;

/// <summary>
/// The canonical warehouse event field by field: what the warehouse's integrator reads for each bad field (the path
/// and the words), and each limit at its edge.
/// </summary>
public class WmsEventFieldSpecs
{
    private static JsonObject Event(string kind = "GoodsReceived", params JsonObject[] lines) => new()
    {
        ["sourceEventId"] = "EVT-1001", ["kind"] = kind, ["occurredAt"] = "2030-01-15T09:02:00Z", ["warehouse"] = "MAN1", ["externalRef"] = "magento:000000003",
        ["lines"] = new JsonArray((lines.Length == 0 ? [Line("ITM00001", 2.5m)] : lines).Select(l => (JsonNode)l).ToArray()),
    };

    private static JsonObject Line(string sku, decimal quantity) => new() { ["sku"] = sku, ["quantity"] = quantity };

    private static string Refusal(JsonNode e)
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => WmsEventParser.Parse(e.ToJsonString()));
        return $"{ex.Field} {ex.Problem}";
    }

    private static WmsEvent Parse(JsonNode e) => WmsEventParser.Parse(e.ToJsonString());

    private static JsonObject With(JsonObject e, string field, JsonNode? value)
    {
        e[field] = value;
        return e;
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_refused_at_the_root()
    {
        Assert.StartsWith("$ ", Refusal(new JsonArray(Event())));
    }

    [Fact]
    public void The_event_id_holds_at_most_50_characters_without_address_characters_or_control_characters()
    {
        const string words = "must be at most 50 characters without '/', '\\', '?', '#', '%' or control characters";

        Assert.Equal(new string('E', 50), Parse(With(Event(), "sourceEventId", new string('E', 50))).SourceEventId);
        Assert.EndsWith("sourceEventId " + words, Refusal(With(Event(), "sourceEventId", new string('E', 51))));
        Assert.EndsWith("sourceEventId " + words, Refusal(With(Event(), "sourceEventId", "/EVT-1001")));
        Assert.EndsWith("sourceEventId " + words, Refusal(With(Event(), "sourceEventId", "EVT\t1001")));
    }

    [Theory]
    [InlineData("Teleported")]
    [InlineData("3")]
    public void A_kind_that_is_not_one_of_the_five_is_refused_naming_them(string kind)
    {
        Assert.EndsWith($"kind must be GoodsReceived, DispatchConfirmed, StockAdjusted, StockSnapshot or ReturnReceived, was \"{kind}\"", Refusal(Event(kind)));
    }

    [Fact]
    public void A_kind_is_read_whatever_its_case()
    {
        Assert.Equal(WmsEventKind.ReturnReceived, Parse(Event("returnreceived")).Kind);
    }

    [Fact]
    public void The_warehouse_code_holds_at_most_50_characters()
    {
        Assert.Equal(new string('W', 50), Parse(With(Event(), "warehouse", new string('W', 50))).Warehouse);
        Assert.EndsWith("warehouse must be at most 50 characters", Refusal(With(Event(), "warehouse", new string('W', 51))));
    }

    [Theory]
    [InlineData(":000000003")]
    [InlineData("magento:")]
    [InlineData("mag ento:000000003")]
    [InlineData("000000003")]
    public void A_dispatch_must_name_its_order_as_channel_and_id(string reference)
    {
        Assert.EndsWith($"externalRef must name the order as <channel>:<order id> (e.g. magento:000000003), was \"{reference}\"",
            Refusal(With(Event("DispatchConfirmed"), "externalRef", reference)));
    }

    [Fact]
    public void A_channel_name_may_hold_hyphens_and_underscores_and_a_long_reference_is_shown_cut()
    {
        Assert.Equal("magento-eu_2:000000003", Parse(With(Event("DispatchConfirmed"), "externalRef", "magento-eu_2:000000003")).ExternalRef);
        var longer = new string('9', 41);
        Assert.EndsWith($"was \"{new string('9', 40)}…\"", Refusal(With(Event("DispatchConfirmed"), "externalRef", longer)));
        Assert.EndsWith($"was \"{new string('9', 40)}\"", Refusal(With(Event("DispatchConfirmed"), "externalRef", new string('9', 40))));
    }

    [Fact]
    public void An_event_moves_at_least_one_and_at_most_1000_lines()
    {
        var thousand = Enumerable.Range(0, 1000).Select(i => Line($"ITM{i:00000}", 1)).ToArray();
        var more = Enumerable.Range(0, 1001).Select(i => Line($"ITM{i:00000}", 1)).ToArray();

        Assert.Equal(1000, Parse(Event("GoodsReceived", thousand)).Lines.Count);
        Assert.EndsWith("lines has 1001 lines; at most 1000", Refusal(Event("GoodsReceived", more)));
        Assert.EndsWith("lines is empty (an event moves at least one SKU)", Refusal(With(Event(), "lines", new JsonArray())));
    }

    [Fact]
    public void A_line_must_be_an_object_with_a_sku()
    {
        Assert.StartsWith("lines[0] ", Refusal(With(Event(), "lines", new JsonArray("ITM00001"))));
        Assert.EndsWith("lines[0].sku is empty", Refusal(Event("GoodsReceived", Line("  ", 1))));
    }

    [Fact]
    public void Each_kind_s_quantity_rule_is_named()
    {
        Assert.EndsWith("lines[0].quantity must be positive for GoodsReceived, was 0", Refusal(Event("GoodsReceived", Line("ITM00001", 0))));
        Assert.EndsWith("lines[0].quantity must be positive for DispatchConfirmed, was -1.5", Refusal(Event("DispatchConfirmed", Line("ITM00001", -1.5m))));
        Assert.EndsWith("lines[0].quantity must not be 0 (an adjustment adds or takes something)", Refusal(Event("StockAdjusted", Line("ITM00001", 0))));
        Assert.EndsWith("lines[0].quantityAfter is missing (a snapshot line gives the absolute on-hand)", Refusal(Event("StockSnapshot", Line("ITM00001", 3))));
        Assert.EndsWith("lines[0].quantityAfter must not be negative, was -0.5",
            Refusal(Event("StockSnapshot", new JsonObject { ["sku"] = "ITM00001", ["quantityAfter"] = -0.5m })));
    }

    [Fact]
    public void A_snapshot_line_keeps_a_quantity_it_carries()
    {
        var line = Assert.Single(Parse(Event("StockSnapshot", new JsonObject { ["sku"] = "ITM00001", ["quantityAfter"] = 118.5m, ["quantity"] = -1.5m })).Lines);

        Assert.Equal((118.5m, -1.5m), (line.QuantityAfter, line.Quantity));
    }

    [Fact]
    public void Serial_numbers_must_match_the_quantity_blank_ones_are_dropped_and_none_is_no_list()
    {
        var adjusted = Parse(Event("StockAdjusted", new JsonObject { ["sku"] = "ITM00007", ["quantity"] = -2, ["serials"] = new JsonArray("", "SN-1", "SN-2") }));
        var none = Parse(Event("GoodsReceived", new JsonObject { ["sku"] = "ITM00007", ["quantity"] = 2, ["serials"] = new JsonArray() }));

        Assert.Equal(["SN-1", "SN-2"], adjusted.Lines[0].Serials!);
        Assert.Null(none.Lines[0].Serials);
        Assert.EndsWith("lines[0].serials has 1 serial numbers for a quantity of 2",
            Refusal(Event("GoodsReceived", new JsonObject { ["sku"] = "ITM00007", ["quantity"] = 2, ["serials"] = new JsonArray("SN-1", "") })));
    }

    [Fact]
    public void A_lot_expiry_must_be_a_date()
    {
        Assert.EndsWith("lines[0].lotExpiry must be a date like 2031-01-01, was \"28/02/2031\"",
            Refusal(Event("GoodsReceived", new JsonObject { ["sku"] = "ITM00003", ["quantity"] = 1, ["lotExpiry"] = "28/02/2031" })));
    }

    [Theory]
    [InlineData("2030-01-15T10:02:00+01:00")]
    [InlineData("2030-01-15T04:02:00-05:00")]
    [InlineData("2030-01-15T09:02:00z")]
    public void An_instant_is_read_with_its_offset(string text)
    {
        Assert.Equal(new DateTimeOffset(2030, 1, 15, 9, 2, 0, TimeSpan.Zero), Parse(With(Event(), "occurredAt", text)).OccurredAt.ToUniversalTime());
    }

    [Theory]
    [InlineData("2030-01-15T09:02:00")]
    [InlineData("2030-01-15T10:02:00+0100")]
    public void An_instant_without_its_offset_is_refused_with_the_form_expected(string text)
    {
        Assert.EndsWith($"occurredAt must be an ISO-8601 instant with its offset (2030-01-15T09:02:00Z) or unix seconds, was \"{text}\"", Refusal(With(Event(), "occurredAt", text)));
    }

    [Fact]
    public void A_shipment_must_be_an_object_its_blank_tracking_numbers_are_dropped_and_its_url_must_be_http()
    {
        var shipped = Parse(With(Event("DispatchConfirmed"), "shipment", new JsonObject
        {
            ["carrier"] = "DHL", ["service"] = "Express Worldwide", ["trackingNumbers"] = new JsonArray(" ", " JD014600006281234567 "), ["trackingUrl"] = "http://www.dhl.com/track?id=JD014600006281234567",
        })).Shipment!;
        var bare = Parse(With(Event("DispatchConfirmed"), "shipment", new JsonObject { ["carrier"] = "DHL" })).Shipment!;

        Assert.Equal(("DHL", "Express Worldwide", "http://www.dhl.com/track?id=JD014600006281234567"), (shipped.Carrier, shipped.Service, shipped.TrackingUrl));
        Assert.Equal(["JD014600006281234567"], shipped.TrackingNumbers);
        Assert.Empty(bare.TrackingNumbers);
        Assert.StartsWith("shipment ", Refusal(With(Event("DispatchConfirmed"), "shipment", "DHL")));
        Assert.EndsWith("shipment.trackingUrl must be an absolute http(s) URL", Refusal(With(Event("DispatchConfirmed"), "shipment", new JsonObject { ["trackingUrl"] = "ftp://dhl.com/x" })));
    }
}
