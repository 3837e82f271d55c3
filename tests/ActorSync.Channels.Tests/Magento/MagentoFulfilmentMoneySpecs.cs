using ActorSync.Channels.Magento;

namespace ActorSync.Channels.Tests.Magento;

/// <summary>
/// A Magento credit memo's money and a shipment's rows with real shapes (no vendor sample exists for either, see
/// <see cref="MagentoFulfilmentSpecs"/>): fractional amounts, a discount, tax-inclusive shipping, rows refunded from
/// their unit price, a second shipment line of the same SKU, a tracking without a title.
/// </summary>
public class MagentoFulfilmentMoneySpecs
{
    [Fact]
    public void A_row_gives_back_its_total_with_tax_less_its_discount_and_shipping_is_refunded_with_its_tax()
    {
        const string json = """
            { "entity_id": 9, "order_id": 3, "created_at": "2017-08-25 23:30:00", "grand_total": 61.87,
              "shipping_amount": 4.13, "shipping_incl_tax": 4.95,
              "items": [ { "sku": "WS12-M-Orange", "qty": 2, "price": 18.33, "row_total_incl_tax": 43.99, "discount_amount": 4.40 },
                         { "sku": "WS08-XS-Blue", "qty": 1, "price": 16.66, "price_incl_tax": 19.99, "discount_amount": 0.66 },
                         { "sku": "MH01-XS-Black", "qty": 0, "price": 43.33, "row_total_incl_tax": 51.99 } ] }
            """;

        var refund = MagentoFulfilmentParser.ParseCreditMemo(json, "000000003", returnToStock: false);

        Assert.Equal([("WS12-M-Orange", 2m, 39.59m), ("WS08-XS-Blue", 1m, 19.33m)], refund.Lines.Select(l => (l.Sku, l.Quantity, l.Amount)));
        Assert.Equal(("9", 4.95m, 61.87m, new DateOnly(2017, 8, 25)), (refund.RefundId, refund.ShippingRefund, refund.TotalRefunded, refund.Date));
    }

    [Fact]
    public void Without_shipping_incl_tax_the_shipping_amount_is_refunded()
    {
        const string json = """
            { "entity_id": 9, "order_id": 3, "created_at": "2017-08-25", "grand_total": 4.13, "shipping_amount": 4.13,
              "items": [ { "sku": "WS12-M-Orange", "qty": 0, "price": 18.33, "row_total_incl_tax": 21.99 } ] }
            """;

        var refund = MagentoFulfilmentParser.ParseCreditMemo(json, "000000003", returnToStock: true);

        Assert.Equal((4.13m, new DateOnly(2017, 8, 25)), (refund.ShippingRefund, refund.Date));
        Assert.Empty(refund.Lines);
    }

    [Fact]
    public void A_shipment_adds_up_rows_of_one_sku_leaves_out_rows_of_nothing_and_takes_the_carrier_code_without_a_title()
    {
        const string json = """
            { "entity_id": 7, "order_id": 3, "created_at": "2017-08-22 10:00:00",
              "items": [ { "sku": "WS12-M-Orange", "qty": 1, "price": 18.33 }, { "sku": "WS12-M-Orange", "qty": 1.5, "price": 18.33 },
                         { "sku": "WS08-XS-Blue", "qty": 0, "price": 16.66 }, { "sku": "24-WG082-blue", "qty": 2, "price": 0 } ],
              "tracks": [ { "track_number": "JD014600006281234567", "carrier_code": "dhl" } ] }
            """;

        var dispatch = MagentoFulfilmentParser.ParseShipment(json, "000000003");

        Assert.Equal([("WS12-M-Orange", 2.5m), ("24-WG082-blue", 2m)], dispatch.Lines.Select(l => (l.Sku, l.Quantity)));
        Assert.Equal(("7", "dhl", "JD014600006281234567"), (dispatch.DispatchId, dispatch.Carrier, dispatch.TrackingNumber));
    }

    [Fact]
    public void A_shipment_of_nothing_or_with_a_bad_date_is_refused_naming_the_field()
    {
        var none = Assert.Throws<ChannelPayloadException>(() => MagentoFulfilmentParser.ParseShipment(
            """{ "entity_id": 7, "created_at": "2017-08-22 10:00:00", "items": [ { "sku": "WS12-M-Orange", "qty": 0, "price": 18.33 } ] }""", "000000003"));
        var badDate = Assert.Throws<ChannelPayloadException>(() => MagentoFulfilmentParser.ParseShipment(
            """{ "entity_id": 7, "created_at": "22/08/2017", "items": [ { "sku": "WS12-M-Orange", "qty": 1, "price": 18.33 } ] }""", "000000003"));

        Assert.Equal(("items", "holds no shipped quantities"), (none.Field, none.Problem));
        Assert.Equal(("created_at", "must be a timestamp like 2017-08-21 22:22:19, was \"22/08/2017\""), (badDate.Field, badDate.Problem));
    }

    [Fact]
    public void Several_units_refunded_from_their_unit_price_give_back_the_unit_price_times_the_units_less_the_discount()
    {
        const string json = """
            { "entity_id": 10, "order_id": 3, "created_at": "2017-08-26 09:00:00", "grand_total": 38.66,
              "items": [ { "sku": "WS08-XS-Blue", "qty": 2, "price": 16.66, "price_incl_tax": 19.99, "discount_amount": 1.32 } ] }
            """;

        var refund = MagentoFulfilmentParser.ParseCreditMemo(json, "000000003", returnToStock: true);

        Assert.Equal(("WS08-XS-Blue", 2m, 38.66m), (refund.Lines[0].Sku, refund.Lines[0].Quantity, refund.Lines[0].Amount)); // 2 × 19.99 − 1.32
    }

    [Fact]
    public void A_shipment_with_an_empty_track_list_has_no_carrier_or_tracking_number()
    {
        const string json = """
            { "entity_id": 7, "order_id": 3, "created_at": "2017-08-22 10:00:00",
              "items": [ { "sku": "WS12-M-Orange", "qty": 1, "price": 18.33 } ], "tracks": [] }
            """;

        var dispatch = MagentoFulfilmentParser.ParseShipment(json, "000000003");

        Assert.Equal(("7", null, null), (dispatch.DispatchId, dispatch.Carrier, dispatch.TrackingNumber));
    }
}
