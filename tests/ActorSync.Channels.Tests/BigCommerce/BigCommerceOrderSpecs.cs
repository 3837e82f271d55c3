using System.Text.Json.Nodes;
using ActorSync.Channels.BigCommerce;

namespace ActorSync.Channels.Tests.BigCommerce;

public class BigCommerceOrderSpecs
{
    private static BigCommerceOrderHeader Header() => BigCommerceOrderParser.ParseOrder(Fixtures.Read("bigcommerce/v2_order.json"));

    private static IReadOnlyList<BigCommerceOrderProduct> Products() => BigCommerceOrderParser.ParseProducts(Fixtures.Read("bigcommerce/v2_order_products.json"));

    [Fact]
    public void The_v2_order_header_reads_string_money_with_four_decimals_exactly()
    {
        var header = Header();

        Assert.Equal(("218", "11", 7, "Awaiting Payment", "USD"), (header.Id, header.CustomerId, header.StatusId, header.Status, header.Currency));
        Assert.Equal(new DateTimeOffset(2019, 3, 5, 21, 40, 11, TimeSpan.Zero), header.Created);
        Assert.Equal(new BigCommerceAmounts(62.6793m, 67.84m, 4.40m), header.Subtotal);
        Assert.Equal(new BigCommerceAmounts(11.09m, 12.00m, 0.91m), header.Shipping);
        Assert.Equal(new BigCommerceAmounts(64.53m, 69.84m, 5.31m), header.Total);
        Assert.Equal((5.00m, 5.00m), (header.DiscountAmount, header.CouponDiscount));
        Assert.False(header.TaxInclusivePricing);
        Assert.False(header.IsGuest);
        Assert.Equal(("Cash", "janedoe@example.com", "Jane Doe"), (header.PaymentMethod, header.Email, header.Name));
    }

    [Fact]
    public void The_header_totals_reconcile_on_the_inc_tax_side_and_the_one_inconsistent_ex_tax_figure_is_named()
    {
        var header = Header();

        // 67.84 + 12.00 + 0 + 0 − 5.00 (discount) − 5.00 (coupon) = 69.84 and 4.40 + 0.91 = 5.31: to the cent.
        Assert.Equal(header.Total.IncTax,
            header.Subtotal.IncTax + header.Shipping.IncTax + header.Handling.IncTax + header.Wrapping.IncTax - header.DiscountAmount - header.CouponDiscount);
        Assert.Equal(header.Total.Tax, header.Subtotal.Tax + header.Shipping.Tax);
        var only = Assert.Single(header.Inconsistencies());
        Assert.StartsWith("subtotal_ex_tax 62.6793 + subtotal_tax 4.40 = 67.0793, not subtotal_inc_tax 67.84", only, StringComparison.Ordinal);
    }

    [Fact]
    public void Fees_are_read_in_both_spellings_the_sample_uses()
    {
        var fees = Header().Fees;

        Assert.Equal(2, fees.Count);
        Assert.Equal(new BigCommerceFee("A Fee", 12.30m, 12.30m, 0m), fees[0]);
        Assert.Equal(new BigCommerceFee("B Fee", 4.00m, 12.00m, 8.00m), fees[1]);
    }

    [Fact]
    public void The_order_list_fixture_holds_order_100_whose_total_tax_disagrees_with_its_subtotal_tax()
    {
        var order = Assert.Single(BigCommerceOrderParser.ParseOrderList(Fixtures.Read("bigcommerce/v2_orders.json")));

        Assert.Equal(("100", 11, "Credit Card"), (order.Id, order.StatusId, order.PaymentMethod));
        Assert.Equal(361.95m, order.Total.IncTax);
        // total_inc 361.95 = subtotal_inc 361.95: the grand total reconciles; the tax columns do not.
        Assert.Equal(order.Total.IncTax, order.Subtotal.IncTax + order.Shipping.IncTax - order.DiscountAmount - order.CouponDiscount);
        Assert.Equal(["subtotal_tax + shipping/handling/wrapping tax = 25.63, not total_tax 0.00"], order.Inconsistencies());
    }

    [Fact]
    public void Order_products_carry_string_money_discounts_and_the_bundle_link()
    {
        var products = Products();

        Assert.Equal(2, products.Count);
        var towel = products[0];
        Assert.Equal(("65", "149", "S-ORAN", 1m, 55.99m, 65.23m), (towel.Id, towel.OrderId, towel.Sku, towel.Quantity, towel.PriceExTax, towel.PriceIncTax));
        Assert.Equal(1.59m, towel.AppliedDiscounts);
        Assert.Equal(63.64m, towel.DiscountedTotalIncTax);
        var brewer = products[1];
        Assert.Equal(("ABS", "65", true), (brewer.Sku, brewer.ParentOrderProductId, brewer.IsBundledProduct));
    }

    [Fact]
    public void Shipping_addresses_of_order_229_are_two_with_the_first_holding_the_items()
    {
        var addresses = BigCommerceOrderParser.ParseShippingAddresses(Fixtures.Read("bigcommerce/v2_order_shipping_addresses.json"));

        Assert.Equal(2, addresses.Count);
        Assert.Equal(("132", "229", 2, "None", "San Antonio"), (addresses[0].Id, addresses[0].OrderId, addresses[0].ItemsTotal, addresses[0].ShippingMethod, addresses[0].City));
        Assert.Equal(new BigCommerceAmounts(12.00m, 12.99m, 0.99m), addresses[0].Cost);
    }

    [Fact]
    public void Products_of_another_order_are_refused_naming_the_field()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceOrderParser.Compose(Header(), Products(), []));

        Assert.Equal("products[0].order_id", error.Field);
        Assert.Equal("bigcommerce payload: products[0].order_id belongs to order 149, not to order 218", error.Message);
    }

    [Fact]
    public void Composed_lines_take_the_discount_off_the_net_pass_the_tax_through_and_derive_the_rate()
    {
        // The product sample belongs to order 149; relabel the header sample as 149 to compose them.
        var header = Header() with { Id = "149" };

        var parsed = BigCommerceOrderParser.Compose(header, Products(), []);

        var towel = parsed.Order.Lines[0];
        Assert.Equal(("S-ORAN", 54.40m, 9.24m, 16.5m), (towel.Sku, towel.NetTotal, towel.TaxAmount, towel.TaxRate));
        var brewer = parsed.Order.Lines[1];
        Assert.Equal(("ABS", 0m, 0m, 16.5m), (brewer.Sku, brewer.NetTotal, brewer.TaxAmount, brewer.TaxRate));
        Assert.Equal((11.09m, 0.91m, 69.84m), (parsed.Order.ShippingAmount, parsed.Order.ShippingTax, parsed.Order.TotalPaid));
        Assert.False(parsed.Order.Customer.IsGuest);
        Assert.Equal(OrderAction.Post, parsed.Readiness.Action);
        // Samples of two different orders cannot reconcile: 54.40 + 9.24 + 11.09 + 0.91 = 75.64 against 69.84, kept visibly.
        Assert.Equal(-5.80m, parsed.Totals.RoundingDifference);
        Assert.NotNull(parsed.Totals.Check("order", 3, 0.01m));
    }

    [Fact]
    public void A_consistent_tax_inclusive_bundle_reconciles_to_the_cent()
    {
        var bundle = new JsonObject
        {
            ["order"] = Fixtures.Node("bigcommerce/v2_order.json"),
            ["products"] = Fixtures.Node("bigcommerce/v2_order_products.json"),
            ["shipping_addresses"] = new JsonArray(),
        };
        var order = bundle["order"]!;
        order["id"] = 149;
        order["customer_id"] = 0;
        order["is_tax_inclusive_pricing"] = true;
        // 63.64 (towel after discount, inc. tax) + 0 (component) + 12.00 shipping = 75.64.
        order["subtotal_inc_tax"] = "63.6400";
        order["discount_amount"] = "0.0000";
        order["coupon_discount"] = "0.0000";
        order["total_inc_tax"] = "75.6400";

        var parsed = BigCommerceOrderParser.ParseBundle(bundle.ToJsonString());

        Assert.True(parsed.Order.Customer.IsGuest);
        Assert.Equal(54.40m, parsed.Order.Lines[0].NetTotal);
        Assert.Equal(63.64m, parsed.Order.Lines[0].NetTotal + parsed.Order.Lines[0].TaxAmount);
        Assert.Equal(0m, parsed.Totals.RoundingDifference);
    }

    [Fact]
    public void A_date_that_is_not_rfc_2822_is_named()
    {
        var node = Fixtures.Node("bigcommerce/v2_order.json");
        node["date_created"] = "last tuesday";

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceOrderParser.ParseOrder(node.ToJsonString()));

        Assert.Equal("date_created", error.Field);
    }

    [Fact]
    public void Money_that_is_not_a_number_is_named_with_its_path()
    {
        var node = Fixtures.Node("bigcommerce/v2_order_products.json");
        node[1]!["total_tax"] = "n/a";

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceOrderParser.ParseProducts(node.ToJsonString()));

        Assert.Equal("bigcommerce payload: $[1].total_tax must be a number, was \"n/a\"", error.Message);
    }

    [Fact]
    public void A_missing_total_is_named()
    {
        var node = Fixtures.Node("bigcommerce/v2_order.json");
        node.AsObject().Remove("total_inc_tax");

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceOrderParser.ParseOrder(node.ToJsonString()));

        Assert.Equal("bigcommerce payload: total_inc_tax is missing", error.Message);
    }

    [Theory]
    [InlineData("55.99", "9.24", "16.5")]
    [InlineData("11.09", "0.91", "8.2")]
    [InlineData("100", "25", "25")]
    [InlineData("14.15", "0.85", "6")]
    [InlineData("0", "0", "0")]
    [InlineData("16.90", "0.84", "5")] // 0.845 rounded half to even (the demo's BigCommerce order 10112 parked as 4.99 %)
    [InlineData("16.90", "0.85", "5")] // 0.845 rounded half away from zero
    [InlineData("76.90", "3.84", "5")]
    [InlineData("12.25", "2.44", "19.9")] // 2.45 exactly is no half cent: 2.44 is not 20 % of 12.25 under either rounding
    public void The_rate_derived_from_amounts_is_the_simplest_that_reproduces_the_tax(string net, string tax, string rate)
    {
        Assert.Equal(decimal.Parse(rate, System.Globalization.CultureInfo.InvariantCulture),
            Money.DeriveRate(decimal.Parse(net, System.Globalization.CultureInfo.InvariantCulture), decimal.Parse(tax, System.Globalization.CultureInfo.InvariantCulture)));
    }
}
