using System.Text.Json.Nodes;
using ActorSync.Channels.Wms;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Channels.Tests.Wms;

/// <summary>The canonical warehouse event (channels.md §4.5): every kind read, every bad field named by its JSON path, and what each becomes.</summary>
public class WmsEventParserSpecs
{
    private static readonly WmsSourceMapping Mapping = new("acme-3pl",
        code => code switch { "MAN1" => "01", "MAN2" => "02", _ => null }, code => $"Connectors:Wms:Sources:0:Warehouses:{code}",
        "01", "DMG", new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "DAMAGED" });

    private static JsonObject Event(string kind, params JsonObject[] lines) => new()
    {
        ["sourceEventId"] = "EVT-1001", ["kind"] = kind, ["occurredAt"] = "2030-01-15T09:02:00Z", ["warehouse"] = "MAN1", ["externalRef"] = "PO-3001",
        ["lines"] = new JsonArray(lines.Select(l => (JsonNode)l).ToArray()),
    };

    private static JsonObject Line(string sku, decimal quantity) => new() { ["sku"] = sku, ["quantity"] = quantity };

    private static string Path(JsonObject e)
    {
        var ex = Assert.Throws<ChannelPayloadException>(() => WmsEventParser.Parse(e.ToJsonString()));
        return ex.Field.StartsWith('$') ? ex.Field : "$." + ex.Field;
    }

    [Fact]
    public void Goods_received_with_lots_and_serials_becomes_one_receipt_into_the_mapped_warehouse()
    {
        var e = Event("GoodsReceived", new JsonObject { ["sku"] = "ITM00003", ["quantity"] = 10.5, ["lot"] = "B-0003-D", ["lotExpiry"] = "2031-02-28" },
            new JsonObject { ["sku"] = "ITM00007", ["quantity"] = 2, ["serials"] = new JsonArray("SN-1", "SN-2") });
        var parsed = WmsEventParser.Parse(e.ToJsonString());
        var work = Assert.IsType<WmsWork.Movements>(WmsEventTranslator.Translate(parsed, Mapping));
        var receipt = Assert.Single(work.Items);
        Assert.Equal((MovementKind.Receipt, "01", "PO-3001", "acme-3pl", "EVT-1001"), (receipt.Kind, receipt.Location, receipt.Reference, receipt.Source, receipt.MovementId));
        Assert.Equal(("B-0003-D", new DateOnly(2031, 2, 28), 10.5m), (receipt.Lines[0].BatchNumber, receipt.Lines[0].BatchExpiry!.Value, receipt.Lines[0].Quantity));
        Assert.Equal(["SN-1", "SN-2"], receipt.Lines[1].SerialNumbers!);
    }

    [Fact]
    public void A_dispatch_names_its_order_as_channel_and_id_and_carries_carrier_and_first_tracking_number()
    {
        var e = Event("DispatchConfirmed", Line("ITM00001", 2), Line("ITM00001", 1), Line("ITM00002", 1));
        e["externalRef"] = "Magento:000000003";
        e["warehouse"] = "SOMEWHERE-UNMAPPED"; // not needed for the delivery, which follows the sales order's lines
        e["shipment"] = new JsonObject { ["carrier"] = "UPS", ["service"] = "Express Saver", ["trackingNumbers"] = new JsonArray("1Z999AA10123456784", "1Z999AA10123456785"), ["trackingUrl"] = "https://www.ups.com/track?tracknum=1Z999AA10123456784" };
        var work = Assert.IsType<WmsWork.Dispatch>(WmsEventTranslator.Translate(WmsEventParser.Parse(e.ToJsonString()), Mapping));
        var d = work.Confirmation;
        Assert.Equal(("magento", "000000003", "EVT-1001", "UPS", "1Z999AA10123456784", "acme-3pl"), (d.Channel, d.OrderExternalId, d.DispatchId, d.Carrier, d.TrackingNumber, d.Source));
        Assert.Equal([("ITM00001", 3m), ("ITM00002", 1m)], d.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(new DateOnly(2030, 1, 15), d.Date);
    }

    [Fact]
    public void An_adjustment_splits_into_a_receipt_of_what_was_found_and_an_issue_of_what_was_lost()
    {
        var e = Event("StockAdjusted", new JsonObject { ["sku"] = "ITM00002", ["quantity"] = -2.25, ["reasonCode"] = "COUNT" }, Line("ITM00025", 3));
        var work = Assert.IsType<WmsWork.Movements>(WmsEventTranslator.Translate(WmsEventParser.Parse(e.ToJsonString()), Mapping));
        Assert.Equal([(MovementKind.Receipt, "ITM00025", 3m), (MovementKind.Issue, "ITM00002", 2.25m)],
            work.Items.SelectMany(m => m.Lines.Select(l => (m.Kind, l.Sku, l.Quantity))));
    }

    [Fact]
    public void A_return_goes_to_the_returns_warehouse_and_damaged_lines_to_the_write_off_warehouse()
    {
        var e = Event("ReturnReceived", new JsonObject { ["sku"] = "ITM00001", ["quantity"] = 1, ["reasonCode"] = "UNWANTED" },
            new JsonObject { ["sku"] = "ITM00002", ["quantity"] = 1, ["reasonCode"] = "damaged" });
        var work = Assert.IsType<WmsWork.Movements>(WmsEventTranslator.Translate(WmsEventParser.Parse(e.ToJsonString()), Mapping));
        var receipt = Assert.Single(work.Items);
        Assert.Equal(MovementKind.Receipt, receipt.Kind);
        Assert.Equal(["01", "DMG"], receipt.Lines.Select(l => l.Location));
    }

    [Fact]
    public void A_snapshot_gives_each_skus_absolute_on_hand_in_the_mapped_warehouse()
    {
        var e = Event("StockSnapshot", new JsonObject { ["sku"] = "ITM00001", ["quantityAfter"] = 118.5 }, new JsonObject { ["sku"] = "ITM00002", ["quantityAfter"] = 0 });
        e["warehouse"] = "MAN2";
        var work = Assert.IsType<WmsWork.Snapshot>(WmsEventTranslator.Translate(WmsEventParser.Parse(e.ToJsonString()), Mapping));
        Assert.Equal("02", work.Warehouse);
        Assert.Equal([("ITM00001", 118.5m), ("ITM00002", 0m)], work.Levels);
    }

    [Fact]
    public void An_unmapped_warehouse_is_refused_for_operations_naming_the_setting_to_add()
    {
        var e = Event("GoodsReceived", Line("ITM00001", 1));
        e["warehouse"] = "ZZ9";
        var refused = Assert.IsType<WmsWork.Refused>(WmsEventTranslator.Translate(WmsEventParser.Parse(e.ToJsonString()), Mapping));
        Assert.Equal(("unmapped-warehouse", Domain.Exceptions.OwningTeam.Operations), (refused.Exception.Type, refused.Exception.Team));
        Assert.Contains("Connectors:Wms:Sources:0:Warehouses:ZZ9", refused.Exception.SuggestedAction);
    }

    [Fact]
    public void Bad_fields_are_named_by_their_json_path()
    {
        Assert.Equal("$.sourceEventId", Path(Event("GoodsReceived", Line("A", 1)).Also(e => e.Remove("sourceEventId"))));
        Assert.Equal("$.sourceEventId", Path(Event("GoodsReceived", Line("A", 1)).Also(e => e["sourceEventId"] = "a/b")));
        Assert.Equal("$.kind", Path(Event("Teleported", Line("A", 1))));
        Assert.Equal("$.occurredAt", Path(Event("GoodsReceived", Line("A", 1)).Also(e => e["occurredAt"] = "2030-01-15T09:02:00")));
        Assert.Equal("$.externalRef", Path(Event("DispatchConfirmed", Line("A", 1)).Also(e => e["externalRef"] = "000000003")));
        Assert.Equal("$.lines", Path(Event("GoodsReceived")));
        Assert.Equal("$.lines[1].quantity", Path(Event("GoodsReceived", Line("A", 1), Line("B", -1))));
        Assert.Equal("$.lines[0].quantity", Path(Event("StockAdjusted", Line("A", 0))));
        Assert.Equal("$.lines[0].quantityAfter", Path(Event("StockSnapshot", Line("A", 1))));
        Assert.Equal("$.lines[0].lotExpiry", Path(Event("GoodsReceived", new JsonObject { ["sku"] = "A", ["quantity"] = 1, ["lotExpiry"] = "28/02/2031" })));
        Assert.Equal("$.lines[0].serials", Path(Event("GoodsReceived", new JsonObject { ["sku"] = "A", ["quantity"] = 2, ["serials"] = new JsonArray("S1") })));
        Assert.Equal("$.shipment.trackingUrl", Path(Event("GoodsReceived", Line("A", 1)).Also(e => e["shipment"] = new JsonObject { ["trackingUrl"] = "javascript:alert(1)" })));
    }
}

internal static class JsonObjectTestExtensions
{
    public static JsonObject Also(this JsonObject o, Action<JsonObject> change)
    {
        change(o);
        return o;
    }
}
