using System.Text.Json.Nodes;
using ActorSync.Channels.Json;
using ActorSync.Channels.Magento;

namespace ActorSync.Channels.Tests.Magento;

public class MagentoOrderSpecs
{
    private const string Fixture = "magento/order.json";

    private static ParsedChannelOrder ParseFixture() => MagentoOrderParser.Parse(Fixtures.Read(Fixture));

    private static ParsedChannelOrder ParseVariant(Action<JsonObject> change)
    {
        var node = Fixtures.Node(Fixture).AsObject();
        change(node);
        return MagentoOrderParser.Parse(node.ToJsonString());
    }

    [Fact]
    public void The_fixture_order_is_keyed_by_its_increment_id_and_remembers_the_entity_id_for_api_paths()
    {
        var parsed = ParseFixture();

        Assert.Equal("000000003", parsed.Order.ExternalId);
        Assert.Equal("MAGENTO-000000003", parsed.Order.Key.NumAtCard);
        Assert.Equal("3", parsed.ChannelEntityId);
        Assert.Equal(new DateOnly(2017, 8, 21), parsed.Order.OrderDate);
        Assert.Equal("USD", parsed.Order.Currency);
        Assert.Equal("banktransfer", parsed.PaymentMethod);
    }

    [Fact]
    public void The_fixture_customer_is_registered_with_id_email_and_name()
    {
        var customer = ParseFixture().Order.Customer;

        Assert.False(customer.IsGuest);
        Assert.Equal("3", customer.ChannelCustomerId);
        Assert.Equal("jdoe@example.com", customer.Email);
        Assert.Equal("Jane Doe", customer.Name);
    }

    [Fact]
    public void Money_floats_arrive_exact_and_the_shipping_method_comes_from_the_shipping_assignment()
    {
        var order = ParseFixture().Order;

        Assert.Equal(165m, order.TotalPaid);
        Assert.Equal(5m, order.ShippingAmount);
        Assert.Equal(0m, order.ShippingTax);
        Assert.Equal("tablerate_bestway", order.ShippingMethod);
        var line = Assert.Single(order.Lines);
        Assert.Equal(("WS12-M-Orange", 1m, 22m, 0m, 0m), (line.Sku, line.Quantity, line.UnitPrice, line.TaxAmount, line.TaxRate));
        Assert.Null(order.Location);
    }

    [Fact]
    public void The_fixture_header_reconciles_to_the_cent_and_the_missing_rows_stay_visible_as_a_difference()
    {
        var parsed = ParseFixture();
        var header = MagentoOrderParser.HeaderTotals(PayloadNode.Parse(Fixtures.Read(Fixture), "magento"));

        // 160 + 5 + 0 + 0 = 165: the header explains its grand total exactly.
        Assert.True(header.Reconciles);
        Assert.Equal((160m, 5m, 0m, 0m, 165m), (header.Subtotal, header.Shipping, header.Tax, header.Discount, header.GrandTotal));
        // The docs elide six of seven rows: 22 + 5 explains 27 of 165, and the 138 is kept, not absorbed.
        Assert.Equal(138m, parsed.Totals.RoundingDifference);
        Assert.Equal(165m, parsed.Totals.LinesNet + parsed.Totals.LinesTax + parsed.Totals.ShippingNet + parsed.Totals.ShippingTax + parsed.Totals.RoundingDifference);
        Assert.Equal("totals-mismatch", parsed.Totals.Check("order", 2, 0.01m)?.Type);
        Assert.Contains(parsed.Notes, n => n.Contains("rows are missing", StringComparison.Ordinal));
    }

    [Fact]
    public void A_state_new_order_posts_a_pending_payment_one_waits_and_a_cancelled_one_cancels()
    {
        Assert.Equal(OrderAction.Post, ParseFixture().Readiness.Action);
        Assert.Equal(OrderAction.Hold, ParseVariant(o => o["state"] = "pending_payment").Readiness.Action);
        Assert.Equal(OrderAction.Cancel, ParseVariant(o => o["state"] = "canceled").Readiness.Action);
    }

    [Fact]
    public void A_configurable_parent_and_its_zero_priced_child_become_one_line_with_the_childs_sku_and_the_parents_money()
    {
        var parsed = ParseVariant(o =>
        {
            o["items"] = JsonNode.Parse("""
                [ { "item_id": 10, "product_type": "configurable", "sku": "WS12", "qty_ordered": 2, "price": 22, "row_total": 44,
                    "discount_amount": 0, "tax_amount": 8.8, "tax_percent": 20 },
                  { "item_id": 11, "parent_item_id": 10, "product_type": "simple", "sku": "WS12-M-Orange", "qty_ordered": 2, "price": 0,
                    "row_total": 0, "discount_amount": 0, "tax_amount": 0, "tax_percent": 0 } ]
                """);
            o["subtotal"] = 44;
            o["tax_amount"] = 8.8;
            o["grand_total"] = 57.8;
        });

        var line = Assert.Single(parsed.Order.Lines);
        Assert.Equal(("WS12-M-Orange", 2m, 22m, 8.8m, 20m), (line.Sku, line.Quantity, line.UnitPrice, line.TaxAmount, line.TaxRate));
        Assert.True(parsed.Totals.ReconcilesExactly);
    }

    [Fact]
    public void A_dynamic_bundle_posts_its_priced_components_instead_of_the_parent()
    {
        var parsed = ParseVariant(o =>
        {
            o["items"] = JsonNode.Parse("""
                [ { "item_id": 20, "product_type": "bundle", "sku": "KIT", "qty_ordered": 1, "price": 0, "row_total": 0, "tax_amount": 0 },
                  { "item_id": 21, "parent_item_id": 20, "sku": "KIT-A", "qty_ordered": 1, "price": 100, "row_total": 100, "tax_amount": 20, "tax_percent": 20 },
                  { "item_id": 22, "parent_item_id": 20, "sku": "KIT-B", "qty_ordered": 2, "price": 30, "row_total": 60, "tax_amount": 12, "tax_percent": 20 } ]
                """);
        });

        Assert.Equal(["KIT-A", "KIT-B"], parsed.Order.Lines.Select(l => l.Sku));
        Assert.Equal(160m, parsed.Totals.LinesNet);
    }

    [Fact]
    public void A_line_discount_comes_off_the_net_and_an_awkward_unit_price_keeps_the_row_exact()
    {
        var parsed = ParseVariant(o =>
        {
            o["items"] = JsonNode.Parse("""
                [ { "item_id": 3, "sku": "WS12-M-Orange", "qty_ordered": 3, "price": 10, "row_total": 30, "discount_amount": 10.01,
                    "discount_tax_compensation_amount": 0, "tax_amount": 4, "tax_percent": 20 } ]
                """);
        });

        var line = Assert.Single(parsed.Order.Lines);
        Assert.Equal(6.663333m, line.UnitPrice);
        Assert.Equal(19.99m, line.NetTotal);
    }

    /// <summary>
    /// A Dutch store that prices including tax (21 % and 9 %) with 10 % off: Magento takes the discount off the
    /// tax-inclusive price, so discount_amount holds tax, and discount_tax_compensation_amount hands that tax part back.
    /// Row A: 2 × 29.99 incl. → row_total 49.57, discount 6.00 of which 1.04 tax → net 44.61, tax 9.37 (53.98 paid).
    /// Row B: 3 × 7.49 incl. → row_total 20.61, discount 2.25 of which 0.19 tax → net 18.55, tax 1.67 (20.22 paid).
    /// </summary>
    private static ParsedChannelOrder TaxInclusiveStoreWithDiscount() => ParseVariant(o =>
    {
        o["items"] = JsonNode.Parse("""
            [ { "item_id": 41, "product_type": "simple", "sku": "MJ01-L-Red", "qty_ordered": 2, "price": 24.79, "price_incl_tax": 29.99,
                "row_total": 49.57, "row_total_incl_tax": 59.98, "discount_amount": 6.00, "discount_percent": 10,
                "discount_tax_compensation_amount": 1.04, "tax_amount": 9.37, "tax_percent": 21 },
              { "item_id": 42, "product_type": "simple", "sku": "24-WB04", "qty_ordered": 3, "price": 6.87, "price_incl_tax": 7.49,
                "row_total": 20.61, "row_total_incl_tax": 22.47, "discount_amount": 2.25, "discount_percent": 10,
                "discount_tax_compensation_amount": 0.19, "tax_amount": 1.67, "tax_percent": 9 } ]
            """);
        o["order_currency_code"] = "EUR";
        o["subtotal"] = 70.18;
        o["discount_amount"] = -8.25;
        o["discount_tax_compensation_amount"] = 1.23;
        o["shipping_amount"] = 4.13;
        o["shipping_tax_amount"] = 0.87;
        o["tax_amount"] = 11.91;
        o["grand_total"] = 79.20;
        o["payment"]!["amount_ordered"] = 79.20;
    });

    [Fact]
    public void On_a_tax_inclusive_store_a_discount_s_tax_compensation_is_added_back_to_the_line_net()
    {
        var parsed = TaxInclusiveStoreWithDiscount();

        var lines = parsed.Order.Lines;
        Assert.Equal(2, lines.Count);
        // Without the compensation the nets would be 43.57 and 18.36: the discount's tax would be taken off twice.
        Assert.Equal(("MJ01-L-Red", 2m, 22.305m, 44.61m, 9.37m, 21m), (lines[0].Sku, lines[0].Quantity, lines[0].UnitPrice, lines[0].NetTotal, lines[0].TaxAmount, lines[0].TaxRate));
        Assert.Equal(("24-WB04", 3m, 6.183333m, 18.55m, 1.67m, 9m), (lines[1].Sku, lines[1].Quantity, lines[1].UnitPrice, lines[1].NetTotal, lines[1].TaxAmount, lines[1].TaxRate));
        Assert.Equal(53.98m, lines[0].NetTotal + lines[0].TaxAmount);
        Assert.Equal(20.22m, lines[1].NetTotal + lines[1].TaxAmount);
    }

    [Fact]
    public void A_tax_inclusive_discounted_order_reconciles_to_the_cent_with_its_grand_total()
    {
        var parsed = TaxInclusiveStoreWithDiscount();

        Assert.Equal((63.16m, 11.04m, 4.13m, 0.87m), (parsed.Totals.LinesNet, parsed.Totals.LinesTax, parsed.Totals.ShippingNet, parsed.Totals.ShippingTax));
        Assert.True(parsed.Totals.ReconcilesExactly);
        Assert.Equal(79.20m, parsed.Order.TotalPaid);
        Assert.Contains(parsed.Notes, n => n.StartsWith("Header reconciles: subtotal 70.18 + shipping 4.13 + tax 11.91 + discount -7.02 = grand_total 79.20", StringComparison.Ordinal));
    }

    [Fact]
    public void A_guest_without_customer_id_or_header_names_takes_the_name_from_the_billing_address()
    {
        var parsed = ParseVariant(o =>
        {
            o["customer_is_guest"] = 1;
            o.Remove("customer_id");
            o["customer_group_id"] = null;
            o.Remove("customer_firstname");
            o.Remove("customer_lastname");
        });

        Assert.True(parsed.Order.Customer.IsGuest);
        Assert.Null(parsed.Order.Customer.ChannelCustomerId);
        Assert.Equal("Jane Doe", parsed.Order.Customer.Name);
    }

    [Fact]
    public void A_search_result_envelope_yields_each_of_its_orders()
    {
        var envelope = new JsonObject
        {
            ["items"] = new JsonArray(Fixtures.Node(Fixture), Fixtures.Node(Fixture)),
            ["search_criteria"] = new JsonObject(),
            ["total_count"] = 2,
        };

        var orders = MagentoOrderParser.ParseAll(envelope.ToJsonString());

        Assert.Equal(2, orders.Count);
        Assert.All(orders, o => Assert.Equal("000000003", o.Order.ExternalId));
    }

    [Theory]
    [InlineData("{\"increment_id\": ", "$", "is not valid JSON")]
    [InlineData("[]", "$", "must be an object, was an array")]
    public void Malformed_json_is_reported_for_the_whole_document(string json, string field, string problem)
    {
        var error = Assert.Throws<ChannelPayloadException>(() => MagentoOrderParser.Parse(json));

        Assert.Equal(("magento", field), (error.Channel, error.Field));
        Assert.Contains(problem, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_order_number_is_named()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => ParseVariant(o => o.Remove("increment_id")));

        Assert.Equal("magento payload: increment_id is missing", error.Message);
    }

    [Fact]
    public void A_null_grand_total_is_named()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => ParseVariant(o => o["grand_total"] = null));

        Assert.Equal("magento payload: grand_total is null but is required", error.Message);
    }

    [Fact]
    public void A_quantity_of_the_wrong_type_is_named_with_its_path()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => ParseVariant(o => o["items"]![0]!["qty_ordered"] = "two"));

        Assert.Equal("items[0].qty_ordered", error.Field);
        Assert.Equal("magento payload: items[0].qty_ordered must be a number, was \"two\"", error.Message);
    }

    [Fact]
    public void Rows_that_are_not_an_array_are_named()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => ParseVariant(o => o["items"] = new JsonObject()));

        Assert.Equal("magento payload: items must be an array, was an object", error.Message);
    }

    [Fact]
    public void A_guest_flag_that_is_neither_bool_nor_0_or_1_is_named()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => ParseVariant(o => o["customer_is_guest"] = "yes"));

        Assert.Equal("customer_is_guest", error.Field);
    }

    [Fact]
    public void A_timestamp_in_another_format_is_named()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => ParseVariant(o => o["created_at"] = "21/08/2017"));

        Assert.Contains("created_at must be a timestamp like 2017-08-21 22:22:19", error.Message, StringComparison.Ordinal);
    }
}
