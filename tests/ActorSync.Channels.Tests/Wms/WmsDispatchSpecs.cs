using ActorSync.Channels.Wms;

namespace ActorSync.Channels.Tests.Wms;

public class WmsDispatchSpecs
{
    private const string Document = """
        { "source": "mintsoft", "dispatches": [
          { "id": "DSP-1", "channel": "Magento", "orderId": "000000003", "occurredAt": "2026-11-23T23:30:00-02:00", "carrier": "UPS",
            "trackingNumbers": [ "1Z999AA10123456784", "1Z999AA10123456785" ], "lines": [ { "sku": "ITM00001", "quantity": 2 } ] },
          { "id": 77, "channel": "bigcommerce", "orderId": 218, "occurredAt": "2026-11-23T10:00:00Z",
            "lines": [ { "sku": "ITM00002", "quantity": 1 } ] } ] }
        """;

    [Fact]
    public void Dispatches_become_confirmations_from_the_warehouse_so_the_selling_channel_is_told()
    {
        Assert.True(WmsDispatchParser.IsDispatchDocument(Document));
        var dispatches = WmsDispatchParser.Parse(Document);

        var first = dispatches[0];
        Assert.Equal(("magento", "000000003", "DSP-1", "mintsoft"), (first.Channel, first.OrderExternalId, first.DispatchId, first.Source));
        Assert.Equal(("UPS", "1Z999AA10123456784", new DateOnly(2026, 11, 24)), (first.Carrier, first.TrackingNumber, first.Date)); // the UTC day
        Assert.Equal([("ITM00001", 2m)], first.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(("218", "77", null), (dispatches[1].OrderExternalId, dispatches[1].DispatchId, dispatches[1].TrackingNumber));
    }

    [Theory]
    [InlineData("""{"dispatches":[{"id":"D","channel":"magento","orderId":"1","occurredAt":"2026-11-23T10:00:00Z","lines":[]}]}""", "dispatches[0].lines")]
    [InlineData("""{"dispatches":[{"id":"D","channel":"magento","orderId":"1","occurredAt":"2026-11-23T10:00:00Z","lines":[{"sku":"A","quantity":0}]}]}""", "dispatches[0].lines[0].quantity")]
    [InlineData("""{"dispatches":[{"id":"D","channel":"magento","orderId":"1","occurredAt":"yesterday","lines":[{"sku":"A","quantity":1}]}]}""", "dispatches[0].occurredAt")]
    [InlineData("""{"dispatches":[{"id":"D","orderId":"1","occurredAt":"2026-11-23T10:00:00Z","lines":[{"sku":"A","quantity":1}]}]}""", "dispatches[0].channel")]
    public void A_bad_dispatch_names_the_field(string json, string path)
    {
        var error = Assert.Throws<ChannelPayloadException>(() => WmsDispatchParser.Parse(json));

        Assert.Contains(path, error.Message);
    }

    [Fact]
    public void A_movement_document_is_not_taken_for_dispatches()
    {
        Assert.False(WmsDispatchParser.IsDispatchDocument("""{"source":"mintsoft","movements":[]}"""));
    }
}
