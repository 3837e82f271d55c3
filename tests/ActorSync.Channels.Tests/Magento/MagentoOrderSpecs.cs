using System.Text.Json.Nodes;
using ActorSync.Channels.Json;
using ActorSync.Channels.Magento;
using ActorSync.Domain.Orders;

namespace ActorSync.Channels.Tests.Magento;

public class MagentoOrderSpecs
{
    private const string Fixture = "magento/order.json";

    private static ParsedChannelOrder ParseFixture() => MagentoOrderParser.Parse(Fixtures.Read(Fixture));

    private static ParsedChannelOrder ParseVariant(Action<JsonObject> change) => MagentoOrderParser.Parse(Variant(change));

    private static string Variant(Action<JsonObject> change)
    {
        var node = Fixtures.Node(Fixture).AsObject();
        change(node);
        return node.ToJsonString();
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
    private static ParsedChannelOrder TaxInclusiveStoreWithDiscount() => MagentoOrderParser.Parse(TaxInclusiveJson());

    private static string TaxInclusiveJson() => Variant(o =>
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
        o["discount_tax_compensation_amount"] = 1.23;
        // Shipping 7.26 incl. at 21 % with 10 % off: 6.00 net, discount 0.73 of which 0.13 tax, so 5.40 net and 1.13 tax.
        o["shipping_amount"] = 6.00;
        o["shipping_incl_tax"] = 7.26;
        o["shipping_discount_amount"] = 0.73;
        o["shipping_discount_tax_compensation_amount"] = 0.13;
        o["shipping_tax_amount"] = 1.13;
        o["discount_amount"] = -8.98;
        o["tax_amount"] = 12.17;
        o["grand_total"] = 80.73;
        o["payment"]!["amount_ordered"] = 80.73;
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

        // Shipping net = shipping_amount − shipping_discount_amount + shipping_discount_tax_compensation_amount.
        Assert.Equal((63.16m, 11.04m, 5.40m, 1.13m), (parsed.Totals.LinesNet, parsed.Totals.LinesTax, parsed.Totals.ShippingNet, parsed.Totals.ShippingTax));
        Assert.True(parsed.Totals.ReconcilesExactly);
        Assert.Equal(80.73m, parsed.Order.TotalPaid);
        // The header's discount is discount_amount (negative) plus both tax compensations: −8.98 + 1.23 + 0.13.
        var header = MagentoOrderParser.HeaderTotals(PayloadNode.Parse(TaxInclusiveJson(), "magento"));
        Assert.Equal((70.18m, 6.00m, 12.17m, -7.62m, 80.73m), (header.Subtotal, header.Shipping, header.Tax, header.Discount, header.GrandTotal));
        Assert.Equal(["Header reconciles: subtotal 70.18 + shipping 6.00 + tax 12.17 + discount -7.62 = grand_total 80.73."], parsed.Notes);
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

    // ---- Every field mapping, pinned (issue 16: mutation testing found these unasserted) ----

    private static ParsedChannelOrder WithRows(string rows, Action<JsonObject>? more = null) => ParseVariant(o =>
    {
        o["items"] = JsonNode.Parse(rows);
        more?.Invoke(o);
    });

    [Fact]
    public void An_empty_search_result_is_refused_as_holding_no_orders()
    {
        var envelope = new JsonObject { ["items"] = new JsonArray(), ["search_criteria"] = new JsonObject(), ["total_count"] = 0 };

        var error = Assert.Throws<ChannelPayloadException>(() => MagentoOrderParser.Parse(envelope.ToJsonString()));

        Assert.Equal(("items", "magento payload: items holds no orders"), (error.Field, error.Message));
        Assert.Empty(MagentoOrderParser.ParseAll(envelope.ToJsonString()));
    }

    [Fact]
    public void An_order_with_no_rows_is_refused_naming_the_items()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => ParseVariant(o => o["items"] = new JsonArray()));

        Assert.Equal(("items", "magento payload: items holds no order rows"), (error.Field, error.Message));
    }

    [Fact]
    public void An_order_that_happens_to_carry_a_total_count_is_still_an_order_not_a_search_envelope()
    {
        var orders = MagentoOrderParser.ParseAll(Variant(o => o["total_count"] = 1));

        Assert.Equal("000000003", Assert.Single(orders).Order.ExternalId);
    }

    [Fact]
    public void A_search_envelope_row_that_is_not_an_object_is_named_with_its_path()
    {
        var envelope = new JsonObject { ["items"] = new JsonArray(Fixtures.Node(Fixture), 7), ["total_count"] = 2 };

        var error = Assert.Throws<ChannelPayloadException>(() => MagentoOrderParser.ParseAll(envelope.ToJsonString()));

        Assert.Equal("magento payload: items[1] must be an object, was 7", error.Message);
    }

    [Fact]
    public void A_non_virtual_order_without_a_shipping_method_says_so_and_a_virtual_one_does_not()
    {
        var physical = ParseVariant(o => o.Remove("extension_attributes"));
        var virtualOrder = ParseVariant(o =>
        {
            o.Remove("extension_attributes");
            o["is_virtual"] = 1;
        });

        Assert.Null(physical.Order.ShippingMethod);
        Assert.Contains("The order is not virtual but names no shipping method (extension_attributes.shipping_assignments[0].shipping.method).", physical.Notes);
        Assert.DoesNotContain(virtualOrder.Notes, n => n.Contains("shipping method", StringComparison.Ordinal));
        Assert.DoesNotContain(ParseFixture().Notes, n => n.Contains("shipping method", StringComparison.Ordinal));
        Assert.Empty(physical.Order.Addresses!.ShipTo);
    }

    [Fact]
    public void An_empty_shipping_assignments_list_means_no_method_and_no_ship_to_address()
    {
        var parsed = ParseVariant(o => o["extension_attributes"]!["shipping_assignments"] = new JsonArray());

        Assert.Null(parsed.Order.ShippingMethod);
        Assert.Empty(parsed.Order.Addresses!.ShipTo);
    }

    [Fact]
    public void A_header_that_does_not_explain_its_grand_total_is_noted_with_the_figures()
    {
        var parsed = ParseVariant(o => o["grand_total"] = 165.37);

        Assert.Contains("Header does not reconcile: subtotal 160.00 + shipping 5.00 + tax 0.00 + discount 0.00 = 165.00, grand_total 165.37.", parsed.Notes);
        Assert.DoesNotContain(parsed.Notes, n => n.StartsWith("Header reconciles", StringComparison.Ordinal));
    }

    [Fact]
    public void Missing_rows_are_noted_with_the_rows_present_and_total_item_count_when_the_order_gives_it()
    {
        Assert.Contains("The rows present add up to 22.00 against subtotal 160.00 (1 rows of total_item_count 7): rows are missing from the payload.", ParseFixture().Notes);
        Assert.Contains("The rows present add up to 22.00 against subtotal 160.00: rows are missing from the payload.",
            ParseVariant(o => o.Remove("total_item_count")).Notes);
    }

    [Fact]
    public void The_payment_is_the_method_with_amount_ordered_and_the_grand_total_only_when_the_amount_is_absent()
    {
        Assert.Equal(new OrderPaymentView("banktransfer", 165m), View(ParseFixture()));
        Assert.Equal(new OrderPaymentView("checkmo", 120.55m), View(ParseVariant(o =>
        {
            o["payment"]!["method"] = "checkmo";
            o["payment"]!["amount_ordered"] = 120.55;
        })));
        Assert.Equal(new OrderPaymentView("banktransfer", 165m), View(ParseVariant(o => o["payment"]!.AsObject().Remove("amount_ordered"))));
        Assert.Null(ParseVariant(o => o.Remove("payment")).Order.Payments);
        Assert.Null(ParseVariant(o => o["payment"]!["method"] = "").Order.Payments);

        static OrderPaymentView View(ParsedChannelOrder parsed)
        {
            var payment = Assert.Single(parsed.Order.Payments!);
            Assert.Equal(ActorSync.Domain.Payments.PaymentState.Captured, payment.State);
            Assert.Null(payment.Reference);
            return new OrderPaymentView(payment.Method, payment.Amount);
        }
    }

    private sealed record OrderPaymentView(string Method, decimal Amount);

    [Theory]
    [InlineData("new", "pending", OrderAction.Post, "state 'new', status 'pending': the order stands")]
    [InlineData("processing", "processing", OrderAction.Post, "state 'processing', status 'processing': the order stands")]
    [InlineData("complete", null, OrderAction.Post, "state 'complete': the order stands")]
    [InlineData("pending_payment", "pending_payment", OrderAction.Hold, "state 'pending_payment', status 'pending_payment': payment not confirmed or order on hold")]
    [InlineData("payment_review", "fraud", OrderAction.Hold, "state 'payment_review', status 'fraud': payment not confirmed or order on hold")]
    [InlineData("holded", "holded", OrderAction.Hold, "state 'holded', status 'holded': payment not confirmed or order on hold")]
    [InlineData("canceled", "canceled", OrderAction.Cancel, "state 'canceled', status 'canceled': cancelled in Magento")]
    [InlineData("closed", "closed", OrderAction.Ignore, "state 'closed', status 'closed': refunded in full; credit memos carry it")]
    [InlineData("suspected_fraud", null, OrderAction.Hold, "state 'suspected_fraud': unknown state, waiting for one the engine knows")]
    [InlineData(null, "pending", OrderAction.Post, "state 'new', status 'pending': the order stands")]
    public void The_magento_state_decides_whether_the_order_posts_waits_cancels_or_is_ignored(string? state, string? status, OrderAction action, string reason)
    {
        var parsed = ParseVariant(o =>
        {
            if (state is null) o.Remove("state"); else o["state"] = state;
            if (status is null) o.Remove("status"); else o["status"] = status;
        });

        Assert.Equal(new OrderReadiness(action, reason), parsed.Readiness);
    }

    [Fact]
    public void A_customer_without_a_guest_flag_is_a_guest_exactly_when_there_is_no_customer_id()
    {
        var guest = ParseVariant(o =>
        {
            o.Remove("customer_is_guest");
            o.Remove("customer_id");
        }).Order.Customer;
        var registered = ParseVariant(o => o.Remove("customer_is_guest")).Order.Customer;

        Assert.Equal((true, null), (guest.IsGuest, guest.ChannelCustomerId));
        Assert.Equal((false, "3"), (registered.IsGuest, registered.ChannelCustomerId));
    }

    [Fact]
    public void A_guest_flag_wins_over_a_stale_customer_id_so_the_guest_is_not_booked_to_that_customer()
    {
        var customer = ParseVariant(o => o["customer_is_guest"] = true).Order.Customer;

        Assert.Equal((true, null), (customer.IsGuest, customer.ChannelCustomerId));
    }

    [Fact]
    public void The_header_email_and_names_win_over_the_billing_address_which_only_fills_what_is_missing()
    {
        var both = ParseVariant(o =>
        {
            o["customer_email"] = "jane.doe@shop.example";
            o["customer_firstname"] = "Janet";
            o["customer_lastname"] = "Doe-Smith";
        }).Order.Customer;
        var billingOnly = ParseVariant(o =>
        {
            o.Remove("customer_email");
            o.Remove("customer_firstname");
            o.Remove("customer_lastname");
            o["billing_address"]!["email"] = "billing@shop.example";
        }).Order.Customer;
        var headerOnly = ParseVariant(o =>
        {
            var billing = o["billing_address"]!.AsObject();
            billing.Remove("email");
            billing.Remove("firstname");
            billing.Remove("lastname");
        }).Order.Customer;
        var nameless = ParseVariant(o =>
        {
            o.Remove("customer_firstname");
            o.Remove("customer_lastname");
            o["billing_address"]!["firstname"] = " ";
            o["billing_address"]!.AsObject().Remove("lastname");
        }).Order.Customer;

        Assert.Equal(("jane.doe@shop.example", "Janet Doe-Smith"), (both.Email, both.Name));
        Assert.Equal(("billing@shop.example", "Jane Doe"), (billingOnly.Email, billingOnly.Name));
        Assert.Equal(("jdoe@example.com", "Jane Doe"), (headerOnly.Email, headerOnly.Name));
        Assert.Null(nameless.Name);
    }

    [Fact]
    public void Billing_and_shipping_addresses_map_every_field_with_the_region_code_and_the_company()
    {
        var parsed = ParseVariant(o =>
        {
            o["billing_address"]!["company"] = "Acme Oak Ltd";
            var shipping = o["extension_attributes"]!["shipping_assignments"]![0]!["shipping"]!["address"]!;
            shipping["street"] = new JsonArray("", "45 Elm St", null, "Suite 200");
            shipping["company"] = "Acme Depot";
            shipping["region_code"] = null;
            shipping["region"] = "Texas";
            shipping["city"] = "Austin";
            shipping["postcode"] = "73301";
        });

        var addresses = parsed.Order.Addresses!;
        Assert.Equal(new OrderBuyer("Jane Doe", "Acme Oak Ltd", "jdoe@example.com", "512-555-1111"), addresses.Buyer);
        Assert.Equal(new PostalAddress("Jane Doe", "Acme Oak Ltd", "123 Oak Ave", null, "Purchase", "10577", "NY", "US", "512-555-1111"), addresses.BillTo);
        var shipTo = Assert.Single(addresses.ShipTo);
        Assert.Equal("5", shipTo.Id);
        Assert.Equal(new PostalAddress("Jane Doe", "Acme Depot", "45 Elm St", "Suite 200", "Austin", "73301", "Texas", "US", "512-555-1111"), shipTo.Address);
    }

    [Fact]
    public void Timestamps_are_read_with_or_without_the_t_and_as_a_bare_date()
    {
        Assert.Equal(new DateOnly(2024, 2, 29), ParseVariant(o => o["created_at"] = "2024-02-29T23:59:59").Order.OrderDate);
        Assert.Equal(new DateOnly(2024, 2, 29), ParseVariant(o => o["created_at"] = "2024-02-29").Order.OrderDate);
        Assert.Equal(new DateOnly(2024, 3, 1), ParseVariant(o => o["created_at"] = "2024-03-01 00:00:00").Order.OrderDate);
    }

    [Fact]
    public void A_configurable_row_with_several_children_posts_under_the_parent_sku_and_says_so()
    {
        var parsed = WithRows("""
            [ { "item_id": 10, "product_type": "configurable", "sku": "WS12", "qty_ordered": 2, "row_total": 44.9, "tax_amount": 8.98, "tax_percent": 20 },
              { "item_id": 11, "parent_item_id": 10, "sku": "WS12-M-Orange", "qty_ordered": 1, "row_total": 0, "tax_amount": 0 },
              { "item_id": 12, "parent_item_id": 10, "sku": "WS12-L-Orange", "qty_ordered": 1, "row_total": 0, "tax_amount": 0 } ]
            """);

        var line = Assert.Single(parsed.Order.Lines);
        Assert.Equal(("WS12", 2m, 22.45m, 8.98m, 20m), (line.Sku, line.Quantity, line.UnitPrice, line.TaxAmount, line.TaxRate));
        Assert.Contains("Configurable row 10 has 2 child rows; posted under the parent SKU WS12.", parsed.Notes);
    }

    [Fact]
    public void A_configurable_row_whose_child_has_its_own_sku_says_where_sku_and_amounts_come_from_and_a_same_sku_child_says_nothing()
    {
        var differs = WithRows("""
            [ { "item_id": 10, "product_type": "configurable", "sku": "WS12", "qty_ordered": 1, "row_total": 22, "tax_amount": 4.4, "tax_percent": 20 },
              { "item_id": 11, "parent_item_id": 10, "sku": "WS12-M-Orange", "qty_ordered": 1, "row_total": 0, "tax_amount": 0 } ]
            """);
        var same = WithRows("""
            [ { "item_id": 10, "product_type": "configurable", "sku": "WS12-M-Orange", "qty_ordered": 1, "row_total": 22, "tax_amount": 4.4, "tax_percent": 20 },
              { "item_id": 11, "parent_item_id": 10, "sku": "WS12-M-Orange", "qty_ordered": 1, "row_total": 0, "tax_amount": 0 } ]
            """);

        Assert.Contains("Configurable row 10: SKU WS12-M-Orange from the child row, amounts from the parent.", differs.Notes);
        Assert.DoesNotContain(same.Notes, n => n.StartsWith("Configurable", StringComparison.Ordinal));
        Assert.Equal("WS12-M-Orange", Assert.Single(same.Order.Lines).Sku);
    }

    [Fact]
    public void A_dynamic_bundle_with_a_free_component_posts_every_component_and_a_priced_parent_too()
    {
        var parsed = WithRows("""
            [ { "item_id": 20, "product_type": "bundle", "sku": "KIT", "qty_ordered": 1, "row_total": 4.95, "tax_amount": 0, "tax_percent": 0 },
              { "item_id": 21, "parent_item_id": 20, "sku": "KIT-A", "qty_ordered": 1, "row_total": 99.99, "tax_amount": 20, "tax_percent": 20 },
              { "item_id": 22, "parent_item_id": 20, "sku": "KIT-B", "qty_ordered": 2, "row_total": 0, "tax_amount": 0, "tax_percent": 0 } ]
            """);

        Assert.Equal(["KIT-A", "KIT-B", "KIT"], parsed.Order.Lines.Select(l => l.Sku));
        Assert.Equal([99.99m, 0m, 4.95m], parsed.Order.Lines.Select(l => l.NetTotal));
        Assert.Contains("Bundle row 20 (KIT) posted as its 2 priced components.", parsed.Notes);
    }

    [Fact]
    public void A_dynamic_bundle_parent_without_money_of_its_own_is_not_posted()
    {
        var parsed = WithRows("""
            [ { "item_id": 20, "product_type": "bundle", "sku": "KIT", "qty_ordered": 1, "row_total": 0, "tax_amount": 0 },
              { "item_id": 21, "parent_item_id": 20, "sku": "KIT-A", "qty_ordered": 1, "row_total": 99.99, "tax_amount": 20, "tax_percent": 20 } ]
            """);

        Assert.Equal(["KIT-A"], parsed.Order.Lines.Select(l => l.Sku));
    }

    [Fact]
    public void A_fixed_price_bundle_posts_the_parent_as_a_sales_bom_and_says_its_children_are_unpriced()
    {
        var parsed = WithRows("""
            [ { "item_id": 30, "sku": "GIFTSET", "product_type": "bundle", "qty_ordered": 1, "row_total": 49.5, "tax_amount": 9.9, "tax_percent": 20 },
              { "item_id": 31, "parent_item_id": 30, "sku": "MUG", "qty_ordered": 1, "row_total": 0, "tax_amount": 0 },
              { "item_id": 32, "parent_item_id": 30, "sku": "TEA", "qty_ordered": 1, "row_total": 0, "tax_amount": 0 } ]
            """);

        var line = Assert.Single(parsed.Order.Lines);
        Assert.Equal(("GIFTSET", 49.5m, 9.9m), (line.Sku, line.NetTotal, line.TaxAmount));
        Assert.Contains("Row 30 (GIFTSET, bundle) has 2 unpriced child rows; the parent posts (a sales BOM in SAP).", parsed.Notes);
    }

    [Fact]
    public void A_row_of_another_type_with_priced_children_posts_the_parent_and_the_type_defaults_to_simple()
    {
        var parsed = WithRows("""
            [ { "item_id": 40, "sku": "SET", "qty_ordered": 1, "row_total": 30, "tax_amount": 6, "tax_percent": 20 },
              { "item_id": 41, "parent_item_id": 40, "sku": "SET-A", "qty_ordered": 1, "row_total": 12.5, "tax_amount": 2.5, "tax_percent": 20 } ]
            """);

        Assert.Equal(["SET"], parsed.Order.Lines.Select(l => l.Sku));
        Assert.Contains("Row 40 (SET, simple) has 1 unpriced child rows; the parent posts (a sales BOM in SAP).", parsed.Notes);
    }

    [Fact]
    public void Plain_rows_add_no_notes_about_children()
    {
        Assert.DoesNotContain(ParseFixture().Notes, n => n.Contains("child", StringComparison.Ordinal));
    }

    [Fact]
    public void A_row_naming_a_parent_that_is_not_in_the_order_posts_on_its_own_and_says_so()
    {
        var parsed = WithRows("""
            [ { "item_id": 11, "parent_item_id": 10, "sku": "WS12-M-Orange", "qty_ordered": 1, "row_total": 22, "tax_amount": 4.4, "tax_percent": 20 } ]
            """);

        Assert.Equal("WS12-M-Orange", Assert.Single(parsed.Order.Lines).Sku);
        Assert.Contains("Row 11 (WS12-M-Orange) names parent 10, which is not in the order; posted on its own.", parsed.Notes);
    }

    [Fact]
    public void A_row_with_a_quantity_of_zero_is_refused_naming_the_row()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => ParseVariant(o => o["items"]![0]!["qty_ordered"] = 0));

        Assert.Equal(("items[0].qty_ordered", "magento payload: items[0].qty_ordered must be positive, was 0"), (error.Field, error.Message));
    }

    [Fact]
    public void A_row_given_away_in_full_keeps_its_tax_percent_instead_of_a_rate_derived_from_nothing()
    {
        // A free gift at 21 %: row_total 12.40, discount 15.00 (inc. tax) of which 2.60 tax; net and tax are 0.
        var parsed = WithRows("""
            [ { "item_id": 50, "sku": "GIFT-21", "qty_ordered": 1, "row_total": 12.40, "discount_amount": 15.00,
                "discount_tax_compensation_amount": 2.60, "tax_amount": 0, "tax_percent": 21 },
              { "item_id": 51, "sku": "BOOK-9", "qty_ordered": 1, "row_total": 18.35, "tax_amount": 1.65 } ]
            """);

        Assert.Equal((0m, 0m, 21m), (parsed.Order.Lines[0].NetTotal, parsed.Order.Lines[0].TaxAmount, parsed.Order.Lines[0].TaxRate));
        // Without tax_percent the rate is derived from the amounts: 1.65 on 18.35 is 9 %.
        Assert.Equal(9m, parsed.Order.Lines[1].TaxRate);
    }

    [Fact]
    public void A_shipping_address_without_its_own_id_is_named_shipping()
    {
        var parsed = ParseVariant(o => o["extension_attributes"]!["shipping_assignments"]![0]!["shipping"]!["address"]!.AsObject().Remove("entity_id"));

        Assert.Equal("shipping", Assert.Single(parsed.Order.Addresses!.ShipTo).Id);
    }
}
