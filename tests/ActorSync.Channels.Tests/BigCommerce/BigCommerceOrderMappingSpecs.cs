using System.Text.Json.Nodes;
using ActorSync.Channels.BigCommerce;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;

namespace ActorSync.Channels.Tests.BigCommerce;

/// <summary>
/// Every field of a composed BigCommerce order (issue 16). The order is a tax-exclusive UK store in the shape of the
/// docs' samples (four-decimal strings, tax on the row before the order discount, as order 149's 9.24 on 55.99):
/// three mugs at 20 % with 2.50 off in two discounts, two tea tins at 5 % whose tax is a half penny (0.595), a free
/// spoon bundled with the tins, two consignments, handling and gift wrapping, paid by store credit, a gift
/// certificate and a card. It reconciles to the penny: 22.50 + 5.00 + 11.90 + 0.60 + 0 + 14.17 + 2.83 = 57.00.
/// </summary>
public class BigCommerceOrderMappingSpecs
{
    private const string Bundle = """
        {
          "order": {
            "id": 5001, "customer_id": 0, "status_id": 11, "status": "Awaiting Fulfillment", "date_created": "Sat, 7 Dec 2024 23:59:01 +0000",
            "currency_code": "GBP", "is_tax_inclusive_pricing": false,
            "subtotal_ex_tax": "36.9000", "subtotal_inc_tax": "42.4950", "subtotal_tax": "5.5950",
            "shipping_cost_ex_tax": "10.8334", "shipping_cost_inc_tax": "13.0000", "shipping_cost_tax": "2.1666",
            "handling_cost_ex_tax": "1.2500", "handling_cost_inc_tax": "1.5000", "handling_cost_tax": "0.2500",
            "wrapping_cost_ex_tax": "2.0833", "wrapping_cost_inc_tax": "2.5000", "wrapping_cost_tax": "0.4167",
            "total_ex_tax": "48.5667", "total_inc_tax": "56.9950", "total_tax": "8.4283",
            "discount_amount": "2.5000", "coupon_discount": "0.0000",
            "payment_method": "Credit Card", "payment_status": "captured", "payment_provider_id": "pi_3Q8xYz",
            "store_credit_amount": "10.0000", "gift_certificate_amount": "5.0000", "external_order_id": "",
            "billing_address": { "first_name": "Oliver", "last_name": "Hughes", "company": "Hughes & Daughters", "street_1": "12 Mill Lane",
              "street_2": "Flat 3", "city": "Leeds", "state": "West Yorkshire", "zip": "LS1 4AB", "country": "United Kingdom",
              "country_iso2": "GB", "phone": "0113 496 0000", "email": "oliver@hughes.example" },
            "fees": [ { "type": "gift_box", "cost_ex_tax": "2.5000", "cost_inc_tax": "3.0000", "cost_tax": "0.5000" },
                      { "cost_exc_tax": "0.0000", "cost_inc_tax": "0.0000", "cost_tax": "0.0000" } ]
          },
          "products": [
            { "id": 301, "order_id": 5001, "product_id": 77, "variant_id": 412, "order_address_id": 71, "sku": "MUG-BLUE", "name": "Blue mug",
              "quantity": 3, "price_ex_tax": "8.3333", "price_inc_tax": "10.0000", "total_ex_tax": "24.9999", "total_inc_tax": "29.9999",
              "total_tax": "5.0000", "applied_discounts": [ { "id": "rule-4", "amount": "1.2500" }, { "id": "coupon", "amount": "1.2500" } ],
              "parent_order_product_id": null, "is_bundled_product": false },
            { "id": 302, "order_id": 5001, "product_id": 78, "order_address_id": 72, "sku": "TEA-TIN", "quantity": 2,
              "price_ex_tax": "5.9500", "price_inc_tax": "6.2475", "total_ex_tax": "11.9000", "total_inc_tax": "12.4950", "total_tax": "0.5950",
              "applied_discounts": [] },
            { "id": 303, "order_id": 5001, "product_id": 79, "order_address_id": 72, "sku": "TEA-SPOON", "name": "Spoon", "quantity": 2,
              "price_ex_tax": "0.0000", "price_inc_tax": "0.0000", "total_ex_tax": "0.0000", "total_inc_tax": "0.0000", "total_tax": "0.0000",
              "parent_order_product_id": 302, "is_bundled_product": true }
          ],
          "shipping_addresses": [
            { "id": 71, "order_id": 5001, "first_name": "Oliver", "last_name": "Hughes", "street_1": "12 Mill Lane", "street_2": "Flat 3",
              "city": "Leeds", "zip": "LS1 4AB", "state": "West Yorkshire", "country": "United Kingdom", "country_iso2": "GB",
              "items_total": 3, "shipping_method": "Royal Mail Tracked 48", "cost_ex_tax": "4.1667", "cost_inc_tax": "5.0000", "cost_tax": "0.8333" },
            { "id": 72, "order_id": 5001, "first_name": "Grace", "last_name": null, "company": "Hughes & Daughters", "street_1": "1 Quay St",
              "city": "York", "zip": "YO1 7AA", "country_iso2": "GB", "phone": "01904 000000",
              "items_total": 4, "shipping_method": "DPD Next Day", "cost_ex_tax": "6.6667", "cost_inc_tax": "8.0000", "cost_tax": "1.3333" }
          ]
        }
        """;

    private static ParsedChannelOrder Parse(Action<JsonNode>? change = null)
    {
        var node = JsonNode.Parse(Bundle)!;
        change?.Invoke(node);
        return BigCommerceOrderParser.ParseBundle(node.ToJsonString());
    }

    [Fact]
    public void Each_row_takes_its_discounts_off_the_net_rounds_its_tax_half_away_and_derives_its_rate()
    {
        var lines = Parse().Order.Lines;

        Assert.Equal(
            [("MUG-BLUE", 3m, 7.5m, 22.50m, 5.00m, 20m, "71"), ("TEA-TIN", 2m, 5.95m, 11.90m, 0.60m, 5m, "72"), ("TEA-SPOON", 2m, 0m, 0m, 0m, 5m, "72")],
            lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice, l.NetTotal, l.TaxAmount, l.TaxRate, l.ShipToId!)));
    }

    [Fact]
    public void Shipping_handling_and_wrapping_travel_together_and_the_order_reconciles_to_the_penny()
    {
        var parsed = Parse();

        Assert.Equal((14.17m, 2.83m, 57.00m), (parsed.Order.ShippingAmount, parsed.Order.ShippingTax, parsed.Order.TotalPaid));
        Assert.True(parsed.Totals.ReconcilesExactly);
        Assert.Contains("Handling and gift-wrapping charges travel with the freight expense.", parsed.Notes);
    }

    [Fact]
    public void The_header_maps_identity_date_currency_guest_and_method()
    {
        var parsed = Parse();
        var order = parsed.Order;

        Assert.Equal(("bigcommerce", "5001", new DateOnly(2024, 12, 7), "GBP"), (order.Channel, order.ExternalId, order.OrderDate, order.Currency));
        Assert.Equal(new CustomerRef("oliver@hughes.example", null, true, "Oliver Hughes"), order.Customer);
        Assert.Equal(("Royal Mail Tracked 48", (string?)null), (order.ShippingMethod, order.Location));
        Assert.Equal("Credit Card", parsed.PaymentMethod);
        Assert.Equal(OrderAction.Post, parsed.Readiness.Action);
    }

    [Fact]
    public void A_registered_customer_keeps_the_channel_id_and_an_order_without_billing_names_has_no_name()
    {
        var order = Parse(o =>
        {
            o["order"]!["customer_id"] = 1207;
            o["order"]!["billing_address"]!["first_name"] = "";
            o["order"]!["billing_address"]!.AsObject().Remove("last_name");
        }).Order;

        Assert.Equal(new CustomerRef("oliver@hughes.example", "1207", false, null), order.Customer);
    }

    [Fact]
    public void Billing_buyer_and_both_consignments_are_mapped_field_by_field_and_the_note_names_the_split()
    {
        var parsed = Parse();
        var addresses = parsed.Order.Addresses!;

        Assert.Equal(new OrderBuyer("Oliver Hughes", "Hughes & Daughters", "oliver@hughes.example", "0113 496 0000"), addresses.Buyer);
        Assert.Equal(new PostalAddress("Oliver Hughes", "Hughes & Daughters", "12 Mill Lane", "Flat 3", "Leeds", "LS1 4AB", "West Yorkshire", "GB", "0113 496 0000"), addresses.BillTo);
        Assert.Equal(["71", "72"], addresses.ShipTo.Select(s => s.Id));
        Assert.Equal(new PostalAddress("Grace", "Hughes & Daughters", "1 Quay St", null, "York", "YO1 7AA", null, "GB", "01904 000000"), addresses.ShipTo[1].Address);
        Assert.Contains("The order ships to 2 addresses; each sales order row names its own, each delivery goes to one, and the sales order carries the first one's method (Royal Mail Tracked 48).", parsed.Notes);
    }

    [Fact]
    public void Shipping_address_rows_carry_their_name_items_method_and_cost()
    {
        var addresses = BigCommerceOrderParser.ParseShippingAddresses(JsonNode.Parse(Bundle)!["shipping_addresses"]!.ToJsonString());

        Assert.Equal(("71", "5001", "Oliver Hughes", "Leeds", "GB", 3, "Royal Mail Tracked 48"),
            (addresses[0].Id, addresses[0].OrderId, addresses[0].Name, addresses[0].City, addresses[0].CountryIso2, addresses[0].ItemsTotal, addresses[0].ShippingMethod));
        Assert.Equal(new BigCommerceAmounts(4.1667m, 5.0000m, 0.8333m), addresses[0].Cost);
        Assert.Equal("Grace", addresses[1].Name);
    }

    [Fact]
    public void A_shipping_address_without_names_items_or_cost_reads_as_none()
    {
        var row = Assert.Single(BigCommerceOrderParser.ParseShippingAddresses("""[ { "id": 9, "order_id": 5001, "city": "Leeds" } ]"""));

        Assert.Equal((null, 0, null), (row.Name, row.ItemsTotal, row.ShippingMethod));
        Assert.Equal(BigCommerceAmounts.Zero, row.Cost);
    }

    [Fact]
    public void With_one_address_holding_the_items_its_method_is_the_orders_and_no_split_is_noted()
    {
        var parsed = Parse(o =>
        {
            foreach (var p in o["products"]!.AsArray()) p!["order_address_id"] = 71;
            o["shipping_addresses"]![1]!["items_total"] = 0;
            o["shipping_addresses"]![0]!["shipping_method"] = "Click & Collect";
        });

        Assert.Equal("Click & Collect", parsed.Order.ShippingMethod);
        Assert.Equal(["71"], parsed.Order.Addresses!.ShipTo.Select(s => s.Id));
        Assert.DoesNotContain(parsed.Notes, n => n.StartsWith("The order ships to", StringComparison.Ordinal));
    }

    [Fact]
    public void Addresses_no_product_names_still_make_the_destinations_those_with_items_and_are_noted()
    {
        var parsed = Parse(o =>
        {
            foreach (var p in o["products"]!.AsArray()) p!["order_address_id"] = 99;
            o["shipping_addresses"]![0]!["items_total"] = 0;
            o["shipping_addresses"]![0]!["shipping_method"] = "Empty";
        });

        // The first address with items (72) gives the method; lines name no destination that exists, so they name none.
        Assert.Equal("DPD Next Day", parsed.Order.ShippingMethod);
        Assert.Equal(["72"], parsed.Order.Addresses!.ShipTo.Select(s => s.Id));
        Assert.All(parsed.Order.Lines, l => Assert.Null(l.ShipToId));
    }

    [Fact]
    public void Two_addresses_with_items_but_one_named_destination_are_noted_as_two_with_the_first_ones_method()
    {
        var parsed = Parse(o =>
        {
            foreach (var p in o["products"]!.AsArray()) p!["order_address_id"] = 71;
        });

        Assert.Equal(["71"], parsed.Order.Addresses!.ShipTo.Select(s => s.Id));
        Assert.Contains("The order ships to 2 addresses; the sales order carries the first one's method (Royal Mail Tracked 48).", parsed.Notes);
    }

    [Fact]
    public void Without_any_address_the_order_carries_none_and_without_shipping_addresses_no_method()
    {
        var parsed = Parse(o =>
        {
            o["order"]!.AsObject().Remove("billing_address");
            o.AsObject().Remove("shipping_addresses");
        });

        Assert.Null(parsed.Order.Addresses);
        Assert.Null(parsed.Order.ShippingMethod);
        Assert.Equal((null, null), (parsed.Order.Customer.Email, parsed.Order.Customer.Name));
    }

    [Fact]
    public void The_money_is_split_into_store_credit_gift_certificate_and_the_card_for_the_rest_with_its_reference()
    {
        var payments = Parse().Order.Payments!;

        Assert.Equal(
            [new OrderPayment("Credit Card", 42.00m, PaymentState.Captured, "pi_3Q8xYz"), new OrderPayment("storecredit", 10.00m, PaymentState.Captured),
             new OrderPayment("giftcertificate", 5.00m, PaymentState.Captured)],
            payments);
        Assert.Equal(57.00m, payments.Sum(p => p.Amount));
    }

    [Fact]
    public void An_authorised_card_pays_nothing_yet_and_a_blank_provider_id_is_no_reference()
    {
        var payment = Assert.Single(Parse(o =>
        {
            o["order"]!["payment_status"] = "Authorized";
            o["order"]!["payment_provider_id"] = " ";
            o["order"]!["store_credit_amount"] = "0.0000";
            o["order"]!["gift_certificate_amount"] = "0.0000";
        }).Order.Payments!);

        Assert.Equal(new OrderPayment("Credit Card", 57.00m, PaymentState.Authorised, null), payment);
    }

    [Fact]
    public void Store_credit_covering_the_whole_order_leaves_no_card_payment_and_no_method_no_money_means_no_payments()
    {
        var covered = Parse(o =>
        {
            o["order"]!["store_credit_amount"] = "57.0000";
            o["order"]!["gift_certificate_amount"] = "0.0000";
        }).Order.Payments!;
        var none = Parse(o =>
        {
            o["order"]!["store_credit_amount"] = "0.0000";
            o["order"]!["gift_certificate_amount"] = "0.0000";
            o["order"]!.AsObject().Remove("payment_method");
        }).Order.Payments;

        Assert.Equal([new OrderPayment("storecredit", 57.00m, PaymentState.Captured)], covered);
        Assert.Null(none);
    }

    [Fact]
    public void Discounts_components_and_fees_are_each_explained_in_a_note()
    {
        var notes = Parse().Notes;

        Assert.Contains("Product 301 (MUG-BLUE): discounts of 2.50 taken off the net; the channel's tax 5.00 passes through.", notes);
        Assert.Contains("Product 303 (TEA-SPOON) is a zero-priced component of 302 (TEA-TIN); posted as its own line at 5 %.", notes);
        Assert.Contains("Fees 'gift_box' 3.00 are listed on the order but are not part of total_inc_tax here; they are not posted (the totals check shows it if they were charged).", notes);
        Assert.DoesNotContain(notes, n => n.StartsWith("Product 302", StringComparison.Ordinal));
        Assert.DoesNotContain(notes, n => n.StartsWith("Header figures disagree", StringComparison.Ordinal));
    }

    [Fact]
    public void Fee_names_fall_back_from_merchant_to_customer_to_type_to_fee()
    {
        var header = BigCommerceOrderParser.ParseOrder(JsonNode.Parse(Bundle)!["order"]!.ToJsonString());
        var named = BigCommerceOrderParser.ParseOrder(Header(o => o["fees"] = JsonNode.Parse("""
            [ { "display_name_merchant": "Merchant", "display_name_customer": "Customer", "type": "t", "cost_inc_tax": "1" },
              { "display_name_customer": "Customer", "type": "t", "cost_inc_tax": "1" } ]
            """)));

        Assert.Equal([new BigCommerceFee("gift_box", 2.5m, 3m, 0.5m), new BigCommerceFee("fee", 0m, 0m, 0m)], header.Fees);
        Assert.Equal(["Merchant", "Customer"], named.Fees.Select(f => f.Name));
    }

    private static string Header(Action<JsonNode> change)
    {
        var order = JsonNode.Parse(Bundle)!["order"]!;
        change(order);
        return order.ToJsonString();
    }

    [Theory]
    [InlineData("shipping_cost_tax", "2.1667", "shipping_cost_ex_tax 10.8334 + shipping_cost_tax 2.1667 = 13.0001, not shipping_cost_inc_tax 13.00")]
    [InlineData("handling_cost_tax", "0.2600", "handling_cost_ex_tax 1.25 + handling_cost_tax 0.26 = 1.51, not handling_cost_inc_tax 1.50")]
    [InlineData("wrapping_cost_ex_tax", "2.0000", "wrapping_cost_ex_tax 2.00 + wrapping_cost_tax 0.4167 = 2.4167, not wrapping_cost_inc_tax 2.50")]
    [InlineData("total_ex_tax", "48.5600", "total_ex_tax 48.56 + total_tax 8.4283 = 56.9883, not total_inc_tax 56.995")]
    public void A_money_triple_that_does_not_add_up_is_named_with_its_figures(string field, string value, string inconsistency)
    {
        var header = BigCommerceOrderParser.ParseOrder(Header(o => o[field] = value));

        Assert.Contains(inconsistency, header.Inconsistencies());
    }

    [Fact]
    public void Totals_that_do_not_follow_from_the_parts_are_named_on_the_inc_tax_and_tax_sides()
    {
        var header = BigCommerceOrderParser.ParseOrder(Header(o =>
        {
            o["coupon_discount"] = "1.0000";
            o["total_tax"] = "8.0000";
            o["total_ex_tax"] = "48.9950";
        }));

        Assert.Equal(
            ["subtotal + shipping + handling + wrapping − discount − coupon discount (inc. tax) = 55.995, not total_inc_tax 56.995",
             "subtotal_tax + shipping/handling/wrapping tax = 8.4283, not total_tax 8.00"],
            header.Inconsistencies());
        Assert.Empty(BigCommerceOrderParser.ParseOrder(Header(_ => { })).Inconsistencies());
    }

    [Fact]
    public void Handling_and_wrapping_are_optional_but_a_triple_begun_must_be_complete()
    {
        var without = BigCommerceOrderParser.ParseOrder(Header(o =>
        {
            foreach (var f in new[] { "handling_cost_ex_tax", "handling_cost_inc_tax", "handling_cost_tax", "wrapping_cost_ex_tax", "wrapping_cost_inc_tax", "wrapping_cost_tax" })
                o.AsObject().Remove(f);
        }));
        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceOrderParser.ParseOrder(Header(o => o.AsObject().Remove("handling_cost_tax"))));

        Assert.Equal((BigCommerceAmounts.Zero, BigCommerceAmounts.Zero), (without.Handling, without.Wrapping));
        Assert.Equal("bigcommerce payload: handling_cost_tax is missing", error.Message);
    }

    [Fact]
    public void Products_map_ids_variant_name_bundle_flag_and_sum_their_discounts()
    {
        var products = BigCommerceOrderParser.ParseProducts(JsonNode.Parse(Bundle)!["products"]!.ToJsonString());

        Assert.Equal(("301", "5001", "77", "412", "71", "MUG-BLUE", "Blue mug"), (products[0].Id, products[0].OrderId, products[0].ProductId, products[0].VariantId, products[0].OrderAddressId, products[0].Sku, products[0].Name));
        Assert.Equal((8.3333m, 10.0000m, 2.50m, (decimal?)null, false), (products[0].PriceExTax, products[0].PriceIncTax, products[0].AppliedDiscounts, products[0].DiscountedTotalIncTax, products[0].IsBundledProduct));
        Assert.Equal((null, "", 0m), (products[1].VariantId, products[1].Name, products[1].AppliedDiscounts));
        Assert.Equal(("302", true), (products[2].ParentOrderProductId, products[2].IsBundledProduct));
    }

    [Fact]
    public void A_product_with_no_quantity_is_refused_naming_the_row()
    {
        var node = JsonNode.Parse(Bundle)!["products"]!;
        node[1]!["quantity"] = 0;

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceOrderParser.ParseProducts(node.ToJsonString()));

        Assert.Equal("bigcommerce payload: $[1].quantity must be positive, was 0", error.Message);
    }

    [Fact]
    public void Rows_and_addresses_of_other_orders_or_no_rows_at_all_are_refused_naming_the_field()
    {
        var address = Assert.Throws<ChannelPayloadException>(() => Parse(o => o["shipping_addresses"]![1]!["order_id"] = 5002));
        var empty = Assert.Throws<ChannelPayloadException>(() => Parse(o => o["products"] = new JsonArray()));

        Assert.Equal(("shipping_addresses[1].order_id", "bigcommerce payload: shipping_addresses[1].order_id belongs to order 5002, not to order 5001"), (address.Field, address.Message));
        Assert.Equal(("products", "bigcommerce payload: products holds no rows for order 5001"), (empty.Field, empty.Message));
    }

    [Fact]
    public void The_poll_list_reads_id_modified_date_and_status_and_an_empty_answer_is_no_orders()
    {
        var rows = BigCommerceOrderParser.ParseModifiedList("""
            [ { "id": 5001, "date_modified": "Sun, 08 Dec 2024 08:15:00 +0000", "status_id": 11, "total_inc_tax": "not read" },
              { "id": 5002, "date_modified": "2024-12-08T09:00:00Z", "status_id": 5 } ]
            """);

        Assert.Equal(
            [new ActorSync.Domain.Connectors.BigCommerce.ModifiedOrder("5001", new DateTimeOffset(2024, 12, 8, 8, 15, 0, TimeSpan.Zero), 11),
             new ActorSync.Domain.Connectors.BigCommerce.ModifiedOrder("5002", new DateTimeOffset(2024, 12, 8, 9, 0, 0, TimeSpan.Zero), 5)],
            rows);
        Assert.Empty(BigCommerceOrderParser.ParseModifiedList(""));
        Assert.Empty(BigCommerceOrderParser.ParseModifiedList("  "));
        Assert.Empty(BigCommerceOrderParser.ParseModifiedList("[]"));
    }

    [Fact]
    public void A_bundle_is_told_from_a_bare_header()
    {
        Assert.True(BigCommerceOrderParser.IsBundle(Json.PayloadNode.Parse(Bundle, "bigcommerce")));
        Assert.False(BigCommerceOrderParser.IsBundle(Json.PayloadNode.Parse(Header(_ => { }), "bigcommerce")));
        Assert.False(BigCommerceOrderParser.IsBundle(Json.PayloadNode.Parse("""{ "order": {} }""", "bigcommerce")));
        Assert.False(BigCommerceOrderParser.IsBundle(Json.PayloadNode.Parse("[]", "bigcommerce")));
    }

    [Fact]
    public void On_a_tax_inclusive_store_the_gross_paid_is_kept_and_the_net_takes_the_half_cent()
    {
        // 10.00 inc. tax at 20 % splits 8.335 + 1.665: the tax rounds to 1.67 and the net is what is left of the gross.
        var parsed = Parse(o =>
        {
            o["order"]!["is_tax_inclusive_pricing"] = true;
            var mug = o["products"]![0]!;
            mug["quantity"] = 1;
            mug["total_ex_tax"] = "8.3350";
            mug["total_inc_tax"] = "10.0000";
            mug["total_tax"] = "1.6650";
            mug["applied_discounts"] = new JsonArray();
            mug["discounted_total_inc_tax"] = "10.0000";
        });

        var mugLine = parsed.Order.Lines[0];
        Assert.Equal((8.33m, 1.67m, 10.00m), (mugLine.NetTotal, mugLine.TaxAmount, mugLine.NetTotal + mugLine.TaxAmount));
    }

    [Fact]
    public void Header_flags_and_ids_are_read_and_default_when_absent()
    {
        var header = BigCommerceOrderParser.ParseOrder(Header(o =>
        {
            o["is_tax_inclusive_pricing"] = true;
            o["external_order_id"] = "POS-77";
        }));
        var plain = BigCommerceOrderParser.ParseOrder(Header(o => o.AsObject().Remove("is_tax_inclusive_pricing")));

        Assert.Equal((true, "POS-77", "pi_3Q8xYz", "captured"), (header.TaxInclusivePricing, header.ExternalOrderId, header.PaymentProviderId, header.PaymentStatus));
        Assert.Equal((false, null), (plain.TaxInclusivePricing, plain.ExternalOrderId));
        Assert.Equal((10.00m, 5.00m), (header.StoreCreditAmount, header.GiftCertificateAmount));
    }

    [Fact]
    public void A_billing_address_without_names_or_country_code_keeps_what_it_has()
    {
        var header = BigCommerceOrderParser.ParseOrder(Header(o =>
        {
            var billing = o["billing_address"]!.AsObject();
            billing.Remove("first_name");
            billing.Remove("last_name");
            billing.Remove("country_iso2");
        }));

        Assert.Equal(new OrderBuyer(null, "Hughes & Daughters", "oliver@hughes.example", "0113 496 0000"), header.Buyer);
        Assert.Equal("United Kingdom", header.BillingAddress!.Country);
        Assert.Null(header.Name);
    }

    [Fact]
    public void Only_handling_or_only_wrapping_still_travel_with_freight_and_neither_says_nothing()
    {
        var handlingOnly = Parse(o =>
        {
            foreach (var f in new[] { "wrapping_cost_ex_tax", "wrapping_cost_inc_tax", "wrapping_cost_tax" }) o["order"]!.AsObject().Remove(f);
        });
        var wrappingOnly = Parse(o =>
        {
            foreach (var f in new[] { "handling_cost_ex_tax", "handling_cost_inc_tax", "handling_cost_tax" }) o["order"]!.AsObject().Remove(f);
        });
        var neither = Parse(o =>
        {
            foreach (var f in new[] { "handling_cost_ex_tax", "handling_cost_inc_tax", "handling_cost_tax", "wrapping_cost_ex_tax", "wrapping_cost_inc_tax", "wrapping_cost_tax" })
                o["order"]!.AsObject().Remove(f);
        });

        Assert.Contains("Handling and gift-wrapping charges travel with the freight expense.", handlingOnly.Notes);
        Assert.Contains("Handling and gift-wrapping charges travel with the freight expense.", wrappingOnly.Notes);
        Assert.DoesNotContain(neither.Notes, n => n.StartsWith("Handling", StringComparison.Ordinal));
        Assert.Equal((10.83m, 2.17m), (neither.Order.ShippingAmount, neither.Order.ShippingTax));
    }

    [Fact]
    public void Several_charged_fees_are_listed_in_one_note_and_free_fees_give_none()
    {
        var two = Parse(o => o["order"]!["fees"]![1]!["cost_inc_tax"] = "1.2000");
        var free = Parse(o => o["order"]!["fees"]![0]!["cost_inc_tax"] = "0.0000");

        Assert.Contains(two.Notes, n => n.StartsWith("Fees 'gift_box' 3.00, 'fee' 1.20 are listed", StringComparison.Ordinal));
        Assert.DoesNotContain(free.Notes, n => n.StartsWith("Fees", StringComparison.Ordinal));
    }

    [Fact]
    public void Header_figures_that_disagree_are_carried_into_the_orders_notes()
    {
        var parsed = Parse(o => o["order"]!["total_tax"] = "8.0000");

        Assert.Contains(parsed.Notes, n => n.StartsWith("Header figures disagree: total_ex_tax 48.5667 + total_tax 8.00 = 56.5667, not total_inc_tax 56.995.", StringComparison.Ordinal));
    }

    [Fact]
    public void A_date_that_is_not_rfc_2822_is_named_with_an_example()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceOrderParser.ParseOrder(Header(o => o["date_created"] = "gestern")));

        Assert.Equal("bigcommerce payload: date_created must be an RFC-2822 date like \"Tue, 05 Mar 2019 21:40:11 +0000\", was \"gestern\"", error.Message);
    }

    [Fact]
    public void Without_any_address_with_items_the_first_address_is_the_destination()
    {
        var parsed = Parse(o =>
        {
            foreach (var p in o["products"]!.AsArray()) p!["order_address_id"] = 99;
            foreach (var a in o["shipping_addresses"]!.AsArray()) a!["items_total"] = 0;
        });

        Assert.Equal("Royal Mail Tracked 48", parsed.Order.ShippingMethod);
        Assert.Equal(["71"], parsed.Order.Addresses!.ShipTo.Select(s => s.Id));
    }

    [Fact]
    public void Shipping_addresses_alone_still_give_the_order_addresses()
    {
        var parsed = Parse(o => o["order"]!.AsObject().Remove("billing_address"));

        Assert.Null(parsed.Order.Addresses!.BillTo);
        Assert.Equal(2, parsed.Order.Addresses.ShipTo.Count);
    }

    [Fact]
    public void An_object_with_products_but_no_order_is_not_a_bundle()
    {
        Assert.False(BigCommerceOrderParser.IsBundle(Json.PayloadNode.Parse("""{ "products": [] }""", "bigcommerce")));
    }

    [Fact]
    public void A_header_without_a_status_name_reads_as_none_but_one_without_its_subtotal_is_refused()
    {
        var unnamed = BigCommerceOrderParser.ParseOrder(Header(o => o.AsObject().Remove("status")));
        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceOrderParser.ParseOrder(Header(o =>
        {
            o.AsObject().Remove("subtotal_ex_tax");
            o.AsObject().Remove("subtotal_inc_tax");
            o.AsObject().Remove("subtotal_tax");
        })));

        Assert.Equal(("", 11), (unnamed.Status, unnamed.StatusId));
        Assert.Equal("subtotal_ex_tax", error.Field);
    }

    [Fact]
    public void A_product_that_does_not_say_it_is_bundled_is_not()
    {
        var products = BigCommerceOrderParser.ParseProducts(JsonNode.Parse(Bundle)!["products"]!.ToJsonString());

        Assert.False(products[1].IsBundledProduct); // TEA-TIN names no is_bundled_product
    }

    [Fact]
    public void On_a_tax_inclusive_store_without_a_discounted_total_the_discounts_come_off_the_gross_before_the_tax_is_taken_out()
    {
        // The mugs: 29.9999 gross, 2.50 off in two discounts, tax 5.00: net 27.50 − 5.00 = 22.50.
        var parsed = Parse(o => o["order"]!["is_tax_inclusive_pricing"] = true);

        var mugs = parsed.Order.Lines[0];
        Assert.Equal(("MUG-BLUE", 22.50m, 5.00m, 7.50m), (mugs.Sku, mugs.NetTotal, mugs.TaxAmount, mugs.UnitPrice));
    }

    [Fact]
    public void A_buyer_named_on_a_billing_address_without_a_street_still_gives_the_order_its_buyer()
    {
        var parsed = Parse(o =>
        {
            o["order"]!["billing_address"] = JsonNode.Parse("""{ "first_name": "Oliver", "last_name": "Hughes", "email": "oliver@hughes.example" }""");
            o.AsObject().Remove("shipping_addresses");
        });

        Assert.NotNull(parsed.Order.Addresses);
        Assert.Equal(("Oliver Hughes", "oliver@hughes.example"), (parsed.Order.Addresses!.Buyer.Name, parsed.Order.Addresses.Buyer.Email));
        Assert.Null(parsed.Order.Addresses.BillTo);
    }
}
