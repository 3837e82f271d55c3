using ActorSync.Channels.Magento;

namespace ActorSync.Channels.Tests.Magento;

/// <summary>
/// Shipments and credit memos have no vendor sample among the fixtures; these payloads follow the reads channels.md
/// §1.5–1.6 quotes, with the fixture order's row (WS12-M-Orange, order entity 3, increment 000000003).
/// </summary>
public class MagentoFulfilmentSpecs
{
    private const string Shipment = """
        { "entity_id": 7, "increment_id": "000000007", "order_id": 3, "created_at": "2017-08-22 10:00:00", "total_qty": 1,
          "items": [ { "order_item_id": 3, "sku": "WS12-M-Orange", "qty": 1, "price": 22 } ],
          "tracks": [ { "track_number": "1Z999", "title": "United Parcel Service", "carrier_code": "ups" } ] }
        """;

    [Fact]
    public void A_shipment_becomes_a_dispatch_of_the_order_with_its_tracking()
    {
        var dispatch = MagentoFulfilmentParser.ParseShipment(Shipment, "000000003");

        Assert.Equal(("magento", "000000003", "000000007"), (dispatch.Channel, dispatch.OrderExternalId, dispatch.DispatchId));
        Assert.Equal(("United Parcel Service", "1Z999"), (dispatch.Carrier, dispatch.TrackingNumber));
        var line = Assert.Single(dispatch.Lines);
        Assert.Equal(("WS12-M-Orange", 1m), (line.Sku, line.Quantity));
        Assert.Equal(new DateOnly(2017, 8, 22), dispatch.Date);
    }

    [Fact]
    public void A_shipped_configurable_counts_once_not_as_parent_and_child()
    {
        const string json = """
            { "entity_id": 8, "order_id": 3, "created_at": "2017-08-22 10:00:00", "total_qty": 2,
              "items": [ { "sku": "WS12-M-Orange", "qty": 2, "price": 22 }, { "sku": "WS12-M-Orange", "qty": 2, "price": 0 } ] }
            """;

        var line = Assert.Single(MagentoFulfilmentParser.ParseShipment(json, "000000003").Lines);

        Assert.Equal(2m, line.Quantity);
    }

    [Fact]
    public void A_credit_memo_becomes_a_refund_of_the_refunded_rows_and_shipping()
    {
        const string json = """
            { "entity_id": 4, "increment_id": "000000004", "order_id": 3, "created_at": "2017-08-25 09:00:00", "grand_total": 27,
              "shipping_amount": 5, "shipping_incl_tax": 5, "adjustment_positive": 0, "adjustment_negative": 0,
              "items": [ { "order_item_id": 3, "sku": "WS12-M-Orange", "qty": 1, "row_total_incl_tax": 22, "discount_amount": 0 },
                         { "order_item_id": 4, "sku": "WS08-XS-Blue", "qty": 0, "row_total_incl_tax": 0 } ] }
            """;

        var refund = MagentoFulfilmentParser.ParseCreditMemo(json, "000000003", returnToStock: true);

        Assert.Equal(("000000003", "000000004", 5m, 27m, true), (refund.OrderExternalId, refund.RefundId, refund.ShippingRefund, refund.TotalRefunded, refund.ReturnToStock));
        var line = Assert.Single(refund.Lines);
        Assert.Equal(("WS12-M-Orange", 1m, 22m), (line.Sku, line.Quantity, line.Amount));
    }

    [Fact]
    public void A_refunded_configurable_counts_once_with_the_parents_amount_not_as_parent_and_child()
    {
        const string json = """
            { "entity_id": 5, "order_id": 3, "created_at": "2017-08-25 09:00:00", "grand_total": 62.39, "shipping_incl_tax": 0,
              "items": [ { "order_item_id": 4, "sku": "MH01-XS-Black", "qty": 1, "price": 51.99, "row_total_incl_tax": 62.39, "discount_amount": 0 },
                         { "order_item_id": 5, "sku": "MH01-XS-Black", "qty": 1, "price": 0, "row_total_incl_tax": 0, "discount_amount": 0 } ] }
            """;

        var line = Assert.Single(MagentoFulfilmentParser.ParseCreditMemo(json, "000000003", returnToStock: false).Lines);

        Assert.Equal(("MH01-XS-Black", 1m, 62.39m), (line.Sku, line.Quantity, line.Amount));
    }

    [Fact]
    public void A_shipment_row_without_a_quantity_is_named()
    {
        var error = Assert.Throws<ChannelPayloadException>(() =>
            MagentoFulfilmentParser.ParseShipment(Shipment.Replace("\"qty\": 1,", "", StringComparison.Ordinal), "000000003"));

        Assert.Equal("items[0].qty", error.Field);
    }
}
