using System.Text.Json.Nodes;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Pos;

namespace ActorSync.Channels.Tests.Sitoo;

/// <summary>
/// Every field of a Sitoo order (issue 16), on the fixture's shape (<c>sitoo/order.json</c>): a Swedish webshop order
/// with food at 12 % and a kettle at 25 %, a discount row after the kettle, delivery and a checkout fee, flat invoice and
/// delivery addresses, paid by Klarna and a gift card.
/// </summary>
public class SitooOrderMappingSpecs
{
    private static JsonObject WebOrder()
    {
        var order = Fixtures.Node("sitoo/order.json").AsObject();
        order["orderid"] = 21877;
        order["currencycode"] = "SEK";
        order["company"] = "Lindqvist Bageri AB";
        order["invoice_address"] = "Storgatan 12";
        order["invoice_address2"] = "c/o Lindqvist";
        order["invoice_zip"] = "111 22";
        order["invoice_city"] = "Stockholm";
        order["invoice_countryid"] = "SE";
        order["delivery_address"] = "Hamngatan 3";
        order["delivery_zip"] = "411 06";
        order["delivery_city"] = "Göteborg";
        order["delivery_state"] = "VG";
        order["delivery_countryid"] = "SE";
        order["deliverytypename"] = "PostNord MyPack";
        order["warehouseid"] = 3;
        order["moneydelivery_net"] = "39.20";
        order["moneydelivery_vat"] = "9.80";
        order["moneycheckout_net"] = "23.20";
        order["moneycheckout_vat"] = "5.80";
        order["paymentstateid"] = 20;
        order["orderstateid"] = 10;
        // 3 × coffee 79.90 incl. 12 % (213.84 + 25.66), kettle 599.00 incl. 25 % (479.20 + 119.80) less 59.90 incl. (47.92 + 11.98).
        order["orderitems"] = JsonNode.Parse("""
            [ { "orderitemtype": 10, "sku": "KAFFE-500", "productname": "Kaffe 500 g", "quantity": 3, "decimalquantitytotal": "3.000",
                "vatvalue": 12, "moneyitemtotal_net": "213.84", "moneyitemtotal_vat": "25.66" },
              { "orderitemtype": 10, "sku": "KETTLE-17", "productname": "Vattenkokare", "quantity": 1, "vatvalue": 25,
                "moneyitemtotal_net": "479.20", "moneyitemtotal_vat": "119.80" },
              { "orderitemtype": 20, "sku": "", "moneyitemtotal_net": "-47.92", "moneyitemtotal_vat": "-11.98" },
              { "orderitemtype": 30, "moneyitemtotal_net": "0.00", "moneyitemtotal_vat": "0.00" } ]
            """);
        // 213.84 + 25.66 + 431.28 + 107.82 + 39.20 + 9.80 + 23.20 + 5.80 = 856.60
        order["moneytotal_gross_all"] = "856.60";
        order["payments"] = JsonNode.Parse("""
            [ { "name": "Klarna", "moneyamount": "756.60", "refid": "", "externalid": "KL-99812", "additionaldata": { "payment-method": "klarna-paylater" } },
              { "name": "Presentkort", "moneyamount": "100.00", "refid": "GC-5521" } ]
            """);
        return order;
    }

    private static SitooOrderRecord Parse(JsonObject order) => Assert.Single(SitooOrderParser.ParseOrders(order.ToJsonString()));

    [Fact]
    public void A_webshop_order_maps_lines_discount_rows_delivery_and_checkout_fee_and_reconciles()
    {
        var parsed = Parse(WebOrder()).WebOrder!;
        var order = parsed.Order;

        Assert.Equal([("KAFFE-500", 3m, 71.28m, 213.84m, 25.66m, 12m), ("KETTLE-17", 1m, 431.28m, 431.28m, 107.82m, 25m)],
            order.Lines.Select(l => (l.Sku, l.Quantity, l.UnitPrice, l.NetTotal, l.TaxAmount, l.TaxRate)));
        Assert.Equal((62.40m, 15.60m, 856.60m), (order.ShippingAmount, order.ShippingTax, order.TotalPaid));
        Assert.True(parsed.Totals.ReconcilesExactly);
        Assert.Equal(("PostNord MyPack", "3", "SEK", "21877"), (order.ShippingMethod, order.Location, order.Currency, order.ExternalId));
        Assert.Equal(
            ["Row type 20 (-59.90 gross) applied to the product row before it (KETTLE-17).", "The checkout (payment) fee travels with the freight amount."],
            parsed.Notes.Order());
    }

    [Fact]
    public void Web_payments_take_the_method_from_additional_data_else_the_name_and_the_reference_from_refid_else_externalid()
    {
        var payments = Parse(WebOrder()).WebOrder!.Order.Payments!;

        Assert.Equal(
            [new OrderPayment("klarna-paylater", 756.60m, PaymentState.Captured, "KL-99812"), new OrderPayment("Presentkort", 100.00m, PaymentState.Captured, "GC-5521")],
            payments);
    }

    [Theory]
    [InlineData(20, PaymentState.Captured)]
    [InlineData(15, PaymentState.Authorised)]
    [InlineData(0, PaymentState.Pending)]
    [InlineData(null, PaymentState.Pending)]
    public void The_payment_state_follows_paymentstateid(int? paymentState, PaymentState expected)
    {
        var order = WebOrder();
        if (paymentState is null) order.Remove("paymentstateid"); else order["paymentstateid"] = paymentState;

        Assert.All(Parse(order).WebOrder!.Order.Payments!, p => Assert.Equal(expected, p.State));
    }

    [Fact]
    public void No_payments_or_an_empty_list_mean_no_payments()
    {
        var none = WebOrder();
        none.Remove("payments");
        var empty = WebOrder();
        empty["payments"] = new JsonArray();

        Assert.Null(Parse(none).WebOrder!.Order.Payments);
        Assert.Null(Parse(empty).WebOrder!.Order.Payments);
    }

    [Fact]
    public void The_buyer_and_the_flat_invoice_and_delivery_addresses_are_mapped_field_by_field()
    {
        var addresses = Parse(WebOrder()).WebOrder!.Order.Addresses!;

        Assert.Equal(new OrderBuyer("John Smith", "Lindqvist Bageri AB", "john.smith@example.com", "555-1451"), addresses.Buyer);
        Assert.Equal(new PostalAddress("John Smith", "Lindqvist Bageri AB", "Storgatan 12", "c/o Lindqvist", "Stockholm", "111 22", null, "SE", "555-1451"), addresses.BillTo);
        var shipTo = Assert.Single(addresses.ShipTo);
        Assert.Equal(new ShipToAddress("delivery", new PostalAddress("John Smith", "Lindqvist Bageri AB", "Hamngatan 3", null, "Göteborg", "411 06", "VG", "SE", "555-1451")), shipTo);
    }

    [Fact]
    public void An_order_without_buyer_or_address_carries_none_and_a_company_names_a_customer_without_names()
    {
        var bare = WebOrder();
        foreach (var f in new[] { "namefirst", "namelast", "company", "email", "phone", "invoice_address", "invoice_address2", "invoice_zip", "invoice_city",
                     "invoice_countryid", "delivery_address", "delivery_zip", "delivery_city", "delivery_state", "delivery_countryid" })
            bare[f] = "";
        var company = WebOrder();
        company["namefirst"] = "";
        company["namelast"] = "";

        var parsedBare = Parse(bare).WebOrder!.Order;
        Assert.Null(parsedBare.Addresses);
        Assert.Equal(new CustomerRef(null, null, true, null), parsedBare.Customer);
        Assert.Equal(new CustomerRef("john.smith@example.com", null, false, "Lindqvist Bageri AB"), Parse(company).WebOrder!.Order.Customer);
    }

    [Fact]
    public void A_discount_row_before_any_product_is_refused_and_an_empty_one_is_skipped()
    {
        var first = WebOrder();
        first["orderitems"] = JsonNode.Parse("""[ { "orderitemtype": 20, "moneyitemtotal_net": "-4.00", "moneyitemtotal_vat": "-1.00" } ]""");
        var emptyOnly = WebOrder();
        emptyOnly["orderitems"] = JsonNode.Parse("""[ { "orderitemtype": 30, "moneyitemtotal_net": "0", "moneyitemtotal_vat": "0" } ]""");

        var error = Assert.Throws<ChannelPayloadException>(() => Parse(first));
        var none = Assert.Throws<ChannelPayloadException>(() => Parse(emptyOnly));

        Assert.Equal("sitoo payload: orderitems[0].orderitemtype is 20 (not a product) with amounts but no product row before it", error.Message);
        Assert.Equal("sitoo payload: orderitems holds no product rows for order 21877", none.Message);
    }

    [Fact]
    public void A_row_of_quantity_zero_is_refused_and_a_row_without_a_type_is_a_product()
    {
        var zero = WebOrder();
        zero["orderitems"]![0]!.AsObject().Remove("decimalquantitytotal");
        zero["orderitems"]![0]!["quantity"] = 0;
        var untyped = WebOrder();
        untyped["orderitems"]![0]!.AsObject().Remove("orderitemtype");

        Assert.Equal("sitoo payload: orderitems[0].quantity must not be 0", Assert.Throws<ChannelPayloadException>(() => Parse(zero)).Message);
        Assert.Equal("KAFFE-500", Parse(untyped).WebOrder!.Order.Lines[0].Sku);
    }

    [Fact]
    public void The_decimal_quantity_wins_over_the_whole_quantity()
    {
        var order = WebOrder();
        order["orderitems"]![0]!["decimalquantitytotal"] = "2.500";

        var line = Parse(order).WebOrder!.Order.Lines[0];

        Assert.Equal((2.5m, 85.536m), (line.Quantity, line.UnitPrice));
    }

    [Fact]
    public void An_unknown_till_timezone_falls_back_to_the_utc_day()
    {
        var order = WebOrder();
        order["orderdate"] = 1733615999; // 2024-12-07 23:59:59 UTC, already the 8th in Stockholm
        order["additionaldata"] = new JsonObject { ["pos-timezone"] = "Mars/Olympus_Mons" };
        var stockholm = WebOrder();
        stockholm["orderdate"] = 1733615999;
        stockholm["additionaldata"] = new JsonObject { ["pos-timezone"] = "Europe/Stockholm" };

        Assert.Equal(new DateOnly(2024, 12, 7), Parse(order).WebOrder!.Order.OrderDate);
        Assert.Equal(new DateOnly(2024, 12, 8), Parse(stockholm).WebOrder!.Order.OrderDate);
    }

    private static JsonObject TillReturn()
    {
        var order = WebOrder();
        order["registerid"] = "{3CCB9848-155A-49E1-7CA8-5F7F78FC3067}";
        order["orderitems"] = JsonNode.Parse("""
            [ { "orderitemtype": 10, "sku": "KAFFE-500", "productname": "Kaffe 500 g", "quantity": -2, "vatvalue": 12,
                "moneyitemtotal_net": "-142.56", "moneyitemtotal_vat": "-17.11", "additionaldata": { "pos-originalsales-orderitemid": "4" } } ]
            """);
        order["moneydelivery_net"] = "0.00";
        order["moneydelivery_vat"] = "0.00";
        order["moneycheckout_net"] = "0.00";
        order["moneycheckout_vat"] = "0.00";
        order["moneytotal_gross_roundoff"] = "0.33";
        order["moneytotal_gross_all"] = "-159.34";
        order["payments"] = JsonNode.Parse("""[ { "name": "Kort", "moneyamount": "-159.34", "externalid": "TX-1", "cardissuer": "Visa" } ]""");
        order["additionaldata"] = new JsonObject { ["pos-originalsales-orderid"] = "21870", ["refundreasoncode-reasoncode"] = "DAMAGED" };
        return order;
    }

    [Fact]
    public void A_till_return_turns_every_amount_positive_and_keeps_the_original_row_and_sale()
    {
        var pos = Parse(TillReturn()).Pos!.Transaction;

        Assert.Equal((PosTransactionKind.Return, 159.34m, -0.33m, "21870", "DAMAGED", "3"), (pos.Kind, pos.Total, pos.RoundOff, pos.OriginalExternalId, pos.ReasonCode, pos.Location));
        Assert.Equal(new PosLine("KAFFE-500", 2, 142.56m, 17.11m, 12, "Kaffe 500 g", "4"), Assert.Single(pos.Lines));
        Assert.Equal(new PosPayment("Kort", 159.34m, "TX-1", "Visa"), Assert.Single(pos.Payments));
    }

    [Fact]
    public void A_till_sale_with_a_delivery_charge_says_it_is_not_posted()
    {
        var order = WebOrder();
        order["registerid"] = "R-7";
        order.Remove("payments");

        var parsed = Parse(order).Pos!;

        Assert.Equal(PosTransactionKind.Sale, parsed.Transaction.Kind);
        Assert.Empty(parsed.Transaction.Payments);
        Assert.Contains("A delivery charge of 78.00 on a till receipt is not posted: POS invoices carry goods only.", parsed.Notes);
        Assert.Equal(856.60m, parsed.Transaction.Total);
    }

    [Fact]
    public void The_order_write_splits_gross_less_discount_at_each_rate_and_tells_a_write_from_a_read()
    {
        var write = SitooOrderParser.ParseOrderWrite("""
            { "currencycode": "SEK", "email": "", "namefirst": "Eva", "namelast": "Lind",
              "orderitems": [ { "sku": "KAFFE-500", "quantity": 3, "moneyrowprice": "239.70", "moneyrowdiscount": "23.97", "vatvalue": 12 },
                              { "sku": "KETTLE-17", "quantity": 1, "moneyrowprice": "599.00", "vatvalue": 25 } ] }
            """);

        // 215.73 gross at 12 % is 192.62 + 23.11; 599.00 at 25 % is 479.20 + 119.80.
        Assert.Equal([("KAFFE-500", 192.62m, 23.11m, 12m), ("KETTLE-17", 479.20m, 119.80m, 25m)], write.Lines.Select(l => (l.Sku, l.NetTotal, l.TaxAmount, l.TaxRate)));
        Assert.Equal((814.73m, 671.82m, 142.91m, "SEK"), (write.GrossTotal, write.LinesNet, write.LinesTax, write.Currency));
        Assert.Equal(new CustomerRef(null, null, true, "Eva Lind"), write.Customer);
        Assert.True(SitooOrderParser.IsOrderWrite(Json.PayloadNode.Parse("""{ "orderitems": [] }""", "sitoo")));
        Assert.False(SitooOrderParser.IsOrderWrite(Json.PayloadNode.Parse("""{ "orderitems": [], "orderid": 1 }""", "sitoo")));
        Assert.False(SitooOrderParser.IsOrderWrite(Json.PayloadNode.Parse("""{ "items": [] }""", "sitoo")));
        Assert.False(SitooOrderParser.IsOrderWrite(Json.PayloadNode.Parse("[]", "sitoo")));
    }

    [Fact]
    public void A_till_sale_without_delivery_says_nothing_of_it_and_a_free_sale_is_still_a_sale()
    {
        var order = WebOrder();
        order["registerid"] = "R-7";
        foreach (var f in new[] { "moneydelivery_net", "moneydelivery_vat", "moneycheckout_net", "moneycheckout_vat" }) order[f] = "0.00";
        order["orderitems"] = JsonNode.Parse("""[ { "sku": "KAFFE-500", "quantity": 1, "vatvalue": 12, "moneyitemtotal_net": "0.00", "moneyitemtotal_vat": "0.00" } ]""");
        order["moneytotal_gross_all"] = "0.00";
        order["payments"] = new JsonArray();

        var parsed = Parse(order).Pos!;

        Assert.Equal(PosTransactionKind.Sale, parsed.Transaction.Kind);
        Assert.DoesNotContain(parsed.Notes, n => n.StartsWith("A delivery charge", StringComparison.Ordinal));
    }

    [Fact]
    public void Till_tenders_take_the_method_from_additional_data_and_creditorderid_wins_as_the_original_sale()
    {
        var order = TillReturn();
        order["payments"]![0]!["additionaldata"] = new JsonObject { ["payment-method"] = "swish" };
        order["creditorderid"] = 21869;

        var pos = Parse(order).Pos!.Transaction;

        Assert.Equal("swish", Assert.Single(pos.Payments).Method);
        Assert.Equal("21869", pos.OriginalExternalId);
    }

    [Fact]
    public void An_exchange_on_one_receipt_is_refused_with_the_reason()
    {
        var order = TillReturn();
        order["orderitems"]!.AsArray().Add(JsonNode.Parse("""{ "sku": "KETTLE-17", "quantity": 1, "vatvalue": 25, "moneyitemtotal_net": "479.20", "moneyitemtotal_vat": "119.80" }"""));

        var record = Parse(order);

        Assert.Equal("Sitoo receipt 21877 sells and takes back goods on one receipt (an exchange); the engine posts sales and returns separately and does not split exchanges yet.", record.Problem!.Reason);
    }

    [Theory]
    [InlineData(10, 10, 20, OrderAction.Post)]
    [InlineData(100, 10, 20, OrderAction.Hold)]
    [InlineData(10, 20, 20, OrderAction.Cancel)]
    [InlineData(10, 0, 0, OrderAction.Hold)]
    public void Readiness_reads_order_type_state_and_payment_state(int type, int state, int payment, OrderAction action)
    {
        var order = WebOrder();
        order["ordertypeid"] = type;
        order["orderstateid"] = state;
        order["paymentstateid"] = payment;

        Assert.Equal(action, Parse(order).WebOrder!.Readiness.Action);
    }
}
