using ActorSync.Channels.Wms;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Channels.Tests.Wms;

public class WmsMovementSpecs
{
    private const string Document = """
        { "source": "mintsoft", "movements": [
          { "id": "ASN-1", "kind": "receipt", "occurredAt": "2030-01-15T09:02:00Z", "location": "MAIN", "reference": "PO-1",
            "lines": [ { "sku": "ITM00003", "quantity": 10, "batch": "B1", "batchExpiry": "2031-02-28", "unitCost": 4.10 } ] },
          { "id": "TR-1", "kind": "transfer", "occurredAt": "2030-01-15T09:05:00Z", "location": "MAIN", "toLocation": "STORE",
            "lines": [ { "sku": "ITM00006", "quantity": 1, "serials": [ "SN-1" ] } ] },
          { "id": "CNT-1", "kind": "adjustment", "occurredAt": 1894694400, "location": "STORE",
            "lines": [ { "sku": "ITM00002", "quantity": -2 }, { "sku": "ITM00001", "quantity": 3, "location": "STORE-B" } ] } ] }
        """;

    [Fact]
    public void The_sitoo_warehouse_transactions_fixture_is_read_as_wms_movements()
    {
        var batch = WmsMovementParser.Parse(Fixtures.Read("sitoo/warehousetransactions.json"));

        Assert.Equal([("18", MovementKind.Receipt), ("16", MovementKind.Issue)], batch.Movements.Select(m => (m.MovementId, m.Kind)));
    }

    [Fact]
    public void The_canonical_document_gives_receipts_transfers_and_split_adjustments_with_batches_serials_and_line_locations()
    {
        var movements = WmsMovementParser.Parse(Document).Movements;

        Assert.Equal([MovementKind.Receipt, MovementKind.Transfer, MovementKind.Receipt, MovementKind.Issue], movements.Select(m => m.Kind));
        Assert.All(movements, m => Assert.Equal("mintsoft", m.Source));
        var receipt = movements[0].Lines[0];
        Assert.Equal(("B1", new DateOnly(2031, 2, 28), (decimal?)4.10m), (receipt.BatchNumber, receipt.BatchExpiry, receipt.UnitCost));
        Assert.Equal(("MAIN", "STORE", "SN-1"), (movements[1].Location, movements[1].ToLocation, movements[1].Lines[0].SerialNumbers![0]));
        Assert.Equal(("ITM00001", 3m, "STORE-B"), (movements[2].Lines[0].Sku, movements[2].Lines[0].Quantity, movements[2].Lines[0].Location));
        Assert.Equal(("ITM00002", 2m), (movements[3].Lines[0].Sku, movements[3].Lines[0].Quantity));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1894694400), movements[3].OccurredAt);
    }

    [Fact]
    public void A_transfer_without_a_destination_is_named()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => WmsMovementParser.Parse(Document.Replace("\"toLocation\": \"STORE\",", "", StringComparison.Ordinal)));

        Assert.Equal("movements[1].toLocation", error.Field);
    }

    [Fact]
    public void An_unknown_kind_is_named()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => WmsMovementParser.Parse(Document.Replace("\"kind\": \"receipt\"", "\"kind\": \"teleport\"", StringComparison.Ordinal)));

        Assert.Equal("wms payload: movements[0].kind must be receipt, issue, transfer or adjustment, was \"teleport\"", error.Message);
    }

    [Fact]
    public void A_negative_receipt_quantity_is_named()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => WmsMovementParser.Parse(Document.Replace("\"quantity\": 10", "\"quantity\": -10", StringComparison.Ordinal)));

        Assert.Equal("movements[0].lines[0].quantity", error.Field);
    }

    [Fact]
    public void A_payload_of_another_shape_is_refused()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => WmsMovementParser.Parse(Fixtures.Read("magento/order.json")));

        Assert.Equal(("wms", "$"), (error.Channel, error.Field));
    }
}
