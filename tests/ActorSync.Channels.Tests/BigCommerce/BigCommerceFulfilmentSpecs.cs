using ActorSync.Channels.BigCommerce;

namespace ActorSync.Channels.Tests.BigCommerce;

/// <summary>
/// Shipment and refund reads have no vendor sample among the fixtures; these follow channels.md §2.5–2.6 and use the
/// fixture's order products (order 149: product 65 S-ORAN, 66 ABS).
/// </summary>
public class BigCommerceFulfilmentSpecs
{
    private static IReadOnlyList<BigCommerceOrderProduct> Products() => BigCommerceOrderParser.ParseProducts(Fixtures.Read("bigcommerce/v2_order_products.json"));

    [Fact]
    public void A_shipment_names_order_products_and_becomes_a_dispatch_with_skus_and_tracking()
    {
        const string json = """
            { "id": 12, "order_id": 149, "order_address_id": 51, "date_created": "Tue, 05 Mar 2019 22:00:00 +0000",
              "tracking_number": "9400100000000000000000", "shipping_provider": "usps",
              "items": [ { "order_product_id": 65, "product_id": 77, "quantity": 1 }, { "order_product_id": 66, "product_id": 86, "quantity": 1 } ] }
            """;

        var dispatch = BigCommerceFulfilmentParser.ParseShipment(json, Products());

        Assert.Equal(("149", "12", "usps", "9400100000000000000000"), (dispatch.OrderExternalId, dispatch.DispatchId, dispatch.Carrier, dispatch.TrackingNumber));
        Assert.Equal(["S-ORAN", "ABS"], dispatch.Lines.Select(l => l.Sku));
        Assert.Equal(new DateOnly(2019, 3, 5), dispatch.Date);
    }

    [Fact]
    public void A_shipment_item_of_an_unknown_order_product_is_named()
    {
        const string json = """
            { "id": 12, "order_id": 149, "date_created": "Tue, 05 Mar 2019 22:00:00 +0000", "tracking_number": "",
              "items": [ { "order_product_id": 99, "quantity": 1 } ] }
            """;

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceFulfilmentParser.ParseShipment(json, Products()));

        Assert.Equal("items[0].order_product_id", error.Field);
    }

    [Fact]
    public void A_refund_becomes_a_refund_request_with_product_amounts_and_shipping()
    {
        const string json = """
            { "data": [ { "id": 3, "order_id": 149, "created": "2019-03-11T15:17:25+00:00", "total_amount": 68.64,
                          "items": [ { "item_type": "PRODUCT", "item_id": 65, "quantity": 1 },
                                     { "item_type": "SHIPPING", "item_id": 51, "requested_amount": "5.00" } ] } ] }
            """;

        var refund = BigCommerceFulfilmentParser.ParseRefund(json, "3", Products(), returnToStock: true);

        Assert.Equal(("149", "3", 5.00m, 68.64m), (refund.OrderExternalId, refund.RefundId, refund.ShippingRefund, refund.TotalRefunded));
        var line = Assert.Single(refund.Lines);
        Assert.Equal(("S-ORAN", 1m, 63.64m), (line.Sku, line.Quantity, line.Amount));
    }

    [Fact]
    public void An_unknown_refund_item_type_is_named()
    {
        const string json = """
            { "data": { "id": 3, "order_id": 149, "created": "2019-03-11T15:17:25+00:00",
                        "items": [ { "item_type": "GIFT", "item_id": 1, "quantity": 1 } ] } }
            """;

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceFulfilmentParser.ParseRefund(json, "3", Products(), true));

        Assert.Equal("data.items[0].item_type", error.Field);
    }
}
