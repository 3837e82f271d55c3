using ActorSync.Channels.BigCommerce;

namespace ActorSync.Channels.Tests.BigCommerce;

/// <summary>
/// A BigCommerce refund's money and a shipment's carrier beyond <see cref="BigCommerceFulfilmentSpecs"/> (no vendor
/// sample exists; shapes per channels.md §2.5–2.6 and the fixture's order products): the amount asked, else the one
/// given, else the discounted gross per unit; shipping and handling together; the right refund out of a list.
/// </summary>
public class BigCommerceRefundMoneySpecs
{
    /// <summary>The fixture's products, S-ORAN as three units that came to 100.00 after discounts.</summary>
    private static IReadOnlyList<BigCommerceOrderProduct> Products()
    {
        var products = BigCommerceOrderParser.ParseProducts(Fixtures.Read("bigcommerce/v2_order_products.json")).ToList();
        products[0] = products[0] with { Quantity = 3, DiscountedTotalIncTax = 100.00m };
        return products;
    }

    private static RefundRequestShape Parse(string items, string data = "") =>
        RefundRequestShape.Of(BigCommerceFulfilmentParser.ParseRefund(
            $$"""{ "data": [ { "id": 2, "order_id": 149, "created": "2019-03-10T09:00:00+00:00", "items": [] }, { "id": 3, "order_id": 149, "created": "2019-03-11T23:17:25-05:00", "total_amount": 75.17 {{data}}, "items": [ {{items}} ] } ] }""",
            "3", Products(), returnToStock: false));

    private sealed record RefundRequestShape(decimal[] Amounts, decimal[] Quantities, decimal Shipping, DateOnly Date, decimal? Total)
    {
        public static RefundRequestShape Of(ActorSync.Domain.Orders.RefundRequest r) =>
            new(r.Lines.Select(l => l.Amount).ToArray(), r.Lines.Select(l => l.Quantity).ToArray(), r.ShippingRefund, r.Date, r.TotalRefunded);
    }

    [Fact]
    public void A_product_refunded_without_an_amount_gives_back_its_discounted_gross_per_unit()
    {
        var refund = Parse("""{ "item_type": "PRODUCT", "item_id": 65, "quantity": 2 }""");

        Assert.Equal([66.67m], refund.Amounts);
        Assert.Equal([2m], refund.Quantities);
        Assert.Equal((new DateOnly(2019, 3, 12), (decimal?)75.17m), (refund.Date, refund.Total));
    }

    [Fact]
    public void The_amount_asked_wins_over_the_amount_given_which_wins_over_the_unit_price()
    {
        Assert.Equal([40.00m], Parse("""{ "item_type": "PRODUCT", "item_id": 65, "quantity": 2, "requested_amount": "40.00", "amount": "45.00" }""").Amounts);
        Assert.Equal([45.00m], Parse("""{ "item_type": "PRODUCT", "item_id": 65, "quantity": 2, "amount": "45.00" }""").Amounts);
    }

    [Fact]
    public void Shipping_and_handling_are_refunded_together_and_order_and_fee_amounts_have_no_row()
    {
        var refund = Parse("""
            { "item_type": "SHIPPING", "item_id": 51, "requested_amount": "4.95" }, { "item_type": "HANDLING", "item_id": 51, "amount": "1.50" },
            { "item_type": "ORDER", "item_id": 149, "requested_amount": "3.00" }, { "item_type": "FEE", "item_id": 7, "requested_amount": "0.72" }
            """);

        Assert.Equal((6.45m, 0), (refund.Shipping, refund.Amounts.Length));
    }

    [Fact]
    public void A_shipping_refund_without_an_amount_a_product_not_on_the_order_and_a_bad_date_are_refused_naming_the_field()
    {
        var noAmount = Assert.Throws<ChannelPayloadException>(() => Parse("""{ "item_type": "SHIPPING", "item_id": 51 }"""));
        var foreign = Assert.Throws<ChannelPayloadException>(() => Parse("""{ "item_type": "PRODUCT", "item_id": 99, "quantity": 1 }"""));
        var missing = Assert.Throws<ChannelPayloadException>(() => BigCommerceFulfilmentParser.ParseRefund(
            """{ "data": [ { "id": 2, "order_id": 149, "created": "2019-03-10T09:00:00+00:00", "items": [] } ] }""", "3", Products(), false));

        Assert.Equal("has no requested_amount (a shipping refund needs an amount)", noAmount.Problem);
        Assert.Equal(("data[1].items[0].item_id", "names order product 99, which is not among the products of order 149"), (foreign.Field, foreign.Problem));
        Assert.Equal(("data", "holds no refund with id 3"), (missing.Field, missing.Problem));
    }

    [Fact]
    public void A_shipment_names_its_carrier_by_provider_else_by_tracking_carrier()
    {
        const string shipment = """
            { "id": 12, "order_id": 149, "date_created": "Tue, 05 Mar 2019 22:00:00 +0000", "tracking_number": "JD014600006281234567",
              "tracking_carrier": "dhl-express", PROVIDER "items": [ { "order_product_id": 65, "quantity": 2 } ] }
            """;

        var byCarrier = BigCommerceFulfilmentParser.ParseShipment(shipment.Replace("PROVIDER", ""), Products());
        var byProvider = BigCommerceFulfilmentParser.ParseShipment(shipment.Replace("PROVIDER", "\"shipping_provider\": \"usps\","), Products());

        Assert.Equal(("dhl-express", "S-ORAN", 2m), (byCarrier.Carrier, byCarrier.Lines[0].Sku, byCarrier.Lines[0].Quantity));
        Assert.Equal("usps", byProvider.Carrier);
        Assert.Equal(("holds no shipment"), Assert.Throws<ChannelPayloadException>(() => BigCommerceFulfilmentParser.ParseShipment("[]", Products())).Problem);
    }

    [Fact]
    public void An_item_of_an_unknown_type_is_refused_naming_the_types_read()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => Parse("""{ "item_type": "GIFT_WRAPPING", "item_id": 65, "amount": "2.50" }"""));

        Assert.Equal("must be PRODUCT, SHIPPING, HANDLING, ORDER or FEE, was \"GIFT_WRAPPING\"", error.Problem);
    }

    [Fact]
    public void A_refund_whose_creation_is_not_a_date_is_refused_in_words()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => RefundRequestShape.Of(BigCommerceFulfilmentParser.ParseRefund(
            """{ "data": { "id": 3, "order_id": 149, "created": "the 11th", "items": [] } }""", "3", Products(), returnToStock: false)));

        Assert.Equal(("data.created", "must be an ISO-8601 date, was \"the 11th\""), (error.Field, error.Problem));
    }

    [Fact]
    public void A_shipment_whose_creation_is_not_a_date_is_refused_in_words()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceFulfilmentParser.ParseShipment(
            """{ "id": 12, "order_id": 149, "date_created": "last Tuesday", "items": [ { "order_product_id": 65, "quantity": 1 } ] }""", Products()));

        Assert.Equal(("date_created", "must be a date, was \"last Tuesday\""), (error.Field, error.Problem));
    }
}
