using System.Text.Json.Nodes;
using ActorSync.Channels.Wms;

namespace ActorSync.Channels.Tests.Wms;

/// <summary>
/// Mintsoft's bodies field by field (assembled from the documentation cited in <see cref="MintsoftParser"/>, like
/// <see cref="MintsoftSpecs"/>; values invented): which body is an ASN, where the order's channel comes from, the
/// fallbacks for dates and booked quantities, and the words of every refusal.
/// </summary>
public class MintsoftFieldSpecs
{
    private static readonly MintsoftOptions Options = new(new Dictionary<int, string> { [3] = "bigcommerce" }, "magento");

    private static JsonObject Order() => new()
    {
        ["ID"] = 20285, ["OrderNumber"] = "000000003", ["ExternalOrderReference"] = "000000003", ["DespatchDate"] = "2030-01-15T10:02:33.12",
        ["CourierServiceName"] = "DPD Next Day", ["TrackingNumber"] = "15501234567890", ["TrackingURL"] = "https://track.dpd.co.uk/parcels/15501234567890",
        ["WarehouseId"] = 3, ["ChannelId"] = 7, ["LastUpdated"] = "2030-01-15T10:02:34.5",
        ["OrderItems"] = new JsonArray(new JsonObject { ["ID"] = 881, ["SKU"] = " ITM00001 ", ["Quantity"] = 2 }),
    };

    private static JsonObject Asn() => new()
    {
        ["ID"] = 4411, ["POReference"] = "PO-3001", ["BookedInDate"] = "2030-01-15T09:20:00", ["ASNStatusId"] = 4, ["WarehouseId"] = 3, ["LastUpdated"] = "2030-01-15T09:20:05",
        ["Items"] = new JsonArray(
            new JsonObject { ["ID"] = 9001, ["SKU"] = "ITM00001", ["QuantityExpected"] = 24, ["QuantityReceieved"] = 24, ["QuantityBooked"] = 23 },
            new JsonObject { ["ID"] = 9002, ["SKU"] = "ITM00003", ["QuantityExpected"] = 12, ["QuantityReceieved"] = 12 }),
    };

    private static WmsEvent Parse(JsonNode body) => MintsoftParser.Parse(body.ToJsonString(), Options);

    private static string Refusal(JsonNode body)
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => MintsoftParser.Parse(body.ToJsonString(), Options));
        return $"{(ex.Field.StartsWith('$') ? ex.Field : "$." + ex.Field)} {ex.Problem}";
    }

    private static JsonObject Change(JsonObject body, Action<JsonObject> change)
    {
        change(body);
        return body;
    }

    [Fact]
    public void A_body_is_an_asn_when_it_has_no_order_items_and_a_purchase_order_an_asn_status_or_items()
    {
        Assert.Equal("mintsoft.asn-booked-in", MintsoftParser.InboxKeyOf(Change(Asn(), a => a.Remove("POReference")).ToJsonString()).Kind);
        Assert.Equal("mintsoft.asn-booked-in", MintsoftParser.InboxKeyOf(Change(Asn(), a => { a.Remove("POReference"); a.Remove("ASNStatusId"); }).ToJsonString()).Kind);
        Assert.Equal("mintsoft.order-despatched", MintsoftParser.InboxKeyOf(Change(Order(), o => o["POReference"] = "PO-3001").ToJsonString()).Kind);
        Assert.Equal(("order-despatched:20285", "mintsoft.order-despatched"), MintsoftParser.InboxKeyOf(Order().ToJsonString()));
    }

    [Fact]
    public void A_body_that_is_not_an_object_is_refused_at_the_root()
    {
        Assert.Equal("$", Assert.Throws<ChannelPayloadException>(() => MintsoftParser.InboxKeyOf("[]")).Field);
        Assert.StartsWith("$ ", Refusal(new JsonArray(Order())));
    }

    [Fact]
    public void The_order_number_stands_in_for_a_missing_external_reference_and_without_either_the_order_is_refused()
    {
        Assert.Equal("magento:000000003", Parse(Change(Order(), o => { o.Remove("ExternalOrderReference"); o["OrderNumber"] = "000000003"; })).ExternalRef);
        Assert.Equal("$ has neither ExternalOrderReference nor OrderNumber (the selling channel's order id)",
            Refusal(Change(Order(), o => { o.Remove("ExternalOrderReference"); o.Remove("OrderNumber"); })));
    }

    [Fact]
    public void A_reference_ending_in_a_colon_names_no_channel_and_takes_the_channel_id_s()
    {
        Assert.Equal("bigcommerce:118:", Parse(Change(Order(), o => { o["ExternalOrderReference"] = "118:"; o["ChannelId"] = 3; })).ExternalRef);
    }

    [Fact]
    public void A_channel_id_that_maps_to_no_channel_is_named_with_the_settings_to_add()
    {
        var noDefault = Options with { DefaultChannel = null };

        var unmapped = Assert.Throws<ChannelPayloadException>(() => MintsoftParser.Parse(Order().ToJsonString(), noDefault));
        var missing = Assert.Throws<ChannelPayloadException>(() => MintsoftParser.Parse(Change(Order(), o => o.Remove("ChannelId")).ToJsonString(), noDefault));

        Assert.Equal(("$.ChannelId", "is 7, which maps to no channel (Connectors:Mintsoft:Channels, or DefaultChannel)"), (unmapped.Field, unmapped.Problem));
        Assert.Equal("is missing, which maps to no channel (Connectors:Mintsoft:Channels, or DefaultChannel)", missing.Problem);
    }

    [Fact]
    public void Order_items_must_be_objects_with_positive_quantities_and_there_must_be_one()
    {
        Assert.Equal("ITM00001", Assert.Single(Parse(Order()).Lines).Sku);
        Assert.StartsWith("$.OrderItems[0] ", Refusal(Change(Order(), o => o["OrderItems"] = new JsonArray(881))));
        Assert.Equal("$.OrderItems[0].Quantity must be positive, was -1.5", Refusal(Change(Order(), o => o["OrderItems"]![0]!["Quantity"] = -1.5m)));
        Assert.Equal("$.OrderItems is empty (a despatch ships something)", Refusal(Change(Order(), o => o["OrderItems"] = new JsonArray())));
    }

    [Fact]
    public void Tracking_numbers_split_on_commas_semicolons_and_spaces_and_a_url_that_is_not_one_is_dropped()
    {
        var shipped = Parse(Change(Order(), o => { o["TrackingNumber"] = "15501234567890;15501234567891 15501234567892"; o["TrackingURL"] = "track.dpd.co.uk/parcels"; }));
        var untracked = Parse(Change(Order(), o => { o.Remove("TrackingNumber"); o.Remove("TrackingURL"); }));

        Assert.Equal(["15501234567890", "15501234567891", "15501234567892"], shipped.Shipment!.TrackingNumbers);
        Assert.Null(shipped.Shipment.TrackingUrl);
        Assert.Empty(untracked.Shipment!.TrackingNumbers);
        Assert.Null(untracked.Shipment.TrackingUrl);
    }

    [Fact]
    public void A_booked_quantity_falls_back_to_the_received_one_and_lines_booking_nothing_are_left_out()
    {
        var e = Parse(Change(Asn(), a => a["Items"]!.AsArray().Add(new JsonObject { ["ID"] = 9003, ["SKU"] = "ITM00004", ["QuantityReceieved"] = 0, ["QuantityBooked"] = 0 })));

        Assert.Equal([("ITM00001", 23m), ("ITM00003", 12m)], e.Lines.Select(l => (l.Sku, l.Quantity)));
    }

    [Fact]
    public void Every_bad_asn_item_is_refused_with_its_path_and_words()
    {
        Assert.Equal("$.Items[1].QuantityBooked is missing (and so is QuantityReceieved)", Refusal(Change(Asn(), a => a["Items"]![1]!.AsObject().Remove("QuantityReceieved"))));
        Assert.Equal("$.Items[0].QuantityBooked must not be negative", Refusal(Change(Asn(), a => a["Items"]![0]!["QuantityBooked"] = -1)));
        Assert.Equal("$.Items[1].QuantityReceieved must not be negative", Refusal(Change(Asn(), a => a["Items"]![1]!["QuantityReceieved"] = -2)));
        Assert.Equal("$.Items books nothing in (every QuantityBooked is 0)",
            Refusal(Change(Asn(), a => { a["Items"]![0]!["QuantityBooked"] = 0; a["Items"]![1]!["QuantityReceieved"] = 0; })));
        Assert.StartsWith("$.Items[0] ", Refusal(Change(Asn(), a => a["Items"] = new JsonArray("ITM00001"))));
    }

    [Fact]
    public void Without_its_own_date_a_record_takes_its_last_update_and_without_either_it_is_refused()
    {
        Assert.Equal(new DateTimeOffset(2030, 1, 15, 10, 2, 34, 500, TimeSpan.Zero), Parse(Change(Order(), o => o.Remove("DespatchDate"))).OccurredAt);
        Assert.Equal("$.BookedInDate is missing (and so is LastUpdated)", Refusal(Change(Asn(), a => { a.Remove("BookedInDate"); a.Remove("LastUpdated"); })));
    }

    [Fact]
    public void A_date_with_its_offset_is_taken_as_it_says_and_a_bad_one_is_shown_cut_at_40_characters()
    {
        Assert.Equal(new DateTimeOffset(2030, 7, 15, 8, 2, 33, TimeSpan.Zero), Parse(Change(Order(), o => o["DespatchDate"] = "2030-07-15T10:02:33+02:00")).OccurredAt.ToUniversalTime());
        Assert.Equal(new DateTimeOffset(2030, 7, 15, 10, 2, 33, TimeSpan.Zero), Parse(Change(Order(), o => o["DespatchDate"] = "2030-07-15T10:02:33Z")).OccurredAt);
        Assert.Equal("$.DespatchDate must be a date-time, was \"" + new string('x', 40) + "\"", Refusal(Change(Order(), o => o["DespatchDate"] = new string('x', 41))));
        Assert.Equal("$.DespatchDate must be a date-time, was \"" + new string('x', 40) + "\"", Refusal(Change(Order(), o => o["DespatchDate"] = new string('x', 40))));
        Assert.Equal("$.DespatchDate must be a date-time, was \"soon\"", Refusal(Change(Order(), o => o["DespatchDate"] = "soon")));
    }

    [Fact]
    public void A_body_naming_only_its_purchase_order_or_only_its_ASN_status_is_an_ASN()
    {
        var onlyPo = Json.PayloadNode.Parse("""{ "ID": 4411, "POReference": "PO-3001" }""", "mintsoft");
        var onlyStatus = Json.PayloadNode.Parse("""{ "ID": 4411, "ASNStatusId": 4 }""", "mintsoft");
        var order = Json.PayloadNode.Parse(Order().ToJsonString(), "mintsoft");

        Assert.Equal((true, true, false), (MintsoftParser.IsAsn(onlyPo), MintsoftParser.IsAsn(onlyStatus), MintsoftParser.IsAsn(order)));
        Assert.Equal(("asn-booked-in:4411", "mintsoft.asn-booked-in"), MintsoftParser.InboxKeyOf("""{ "ID": 4411, "ASNStatusId": 4 }"""));
    }

    [Fact]
    public void A_despatch_without_a_date_or_last_update_is_refused_naming_the_despatch_date_by_its_path()
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => Parse(Change(Order(), o =>
        {
            o.Remove("DespatchDate");
            o.Remove("LastUpdated");
        })));

        Assert.Equal(("$.DespatchDate", "is missing (and so is LastUpdated)"), (ex.Field, ex.Problem));
    }
}
