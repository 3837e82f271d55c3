using System.Text.Json.Nodes;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Pos;

namespace ActorSync.Channels.Tests.Sitoo;

public class SitooOrderSpecs
{
    private static SitooOrderRecord Single(string json) => Assert.Single(SitooOrderParser.ParseOrders(json));

    private static IReadOnlyList<SitooOrderRecord> List() => SitooOrderParser.ParseOrders(Fixtures.Read("sitoo/orders_list.json"));

    [Fact]
    public void The_single_order_fixture_is_a_webshop_order_with_net_and_vat_rows()
    {
        var record = Single(Fixtures.Read("sitoo/order.json"));

        Assert.Null(record.Pos);
        var order = record.WebOrder!.Order;
        Assert.Equal(("sitoo", "11514", "USD"), (order.Channel, order.ExternalId, order.Currency));
        Assert.Equal(new DateOnly(2019, 2, 20), order.OrderDate);
        Assert.Equal(("john.smith@example.com", false, "John Smith"), (order.Customer.Email, order.Customer.IsGuest, order.Customer.Name));
        Assert.Equal(3, order.Lines.Count);
        Assert.Equal(("10038-2", 1m, 100m, 25m, 25m), (order.Lines[0].Sku, order.Lines[0].Quantity, order.Lines[0].NetTotal, order.Lines[0].TaxAmount, order.Lines[0].TaxRate));
        // Row discount already taken: 2 x 80 net, 40 VAT.
        Assert.Equal(("83428-0", 2m, 80m, 160m, 40m), (order.Lines[1].Sku, order.Lines[1].Quantity, order.Lines[1].UnitPrice, order.Lines[1].NetTotal, order.Lines[1].TaxAmount));
        Assert.Equal(("83537-0", 100m, 6m, 6m), (order.Lines[2].Sku, order.Lines[2].NetTotal, order.Lines[2].TaxAmount, order.Lines[2].TaxRate));
        Assert.Null(order.Location);
    }

    [Fact]
    public void The_single_order_totals_reconcile_to_the_cent()
    {
        var parsed = Single(Fixtures.Read("sitoo/order.json")).WebOrder!;

        // 360.00 net + 71.00 VAT = 431.00 = moneytotal_gross_all.
        Assert.Equal((360m, 71m, 431m, 0m), (parsed.Totals.LinesNet, parsed.Totals.LinesTax, parsed.Totals.GrandTotal, parsed.Totals.RoundingDifference));
    }

    [Fact]
    public void An_unpaid_open_order_waits_for_its_payment()
    {
        var readiness = Single(Fixtures.Read("sitoo/order.json")).WebOrder!.Readiness;

        Assert.Equal(OrderAction.Hold, readiness.Action);
        Assert.Contains("paymentstateid 0", readiness.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void The_list_holds_a_card_sale_at_a_register_and_a_refund_of_a_coffee_table()
    {
        var list = List();

        Assert.Equal(["11513", "11512"], list.Select(r => r.OrderId));
        Assert.All(list, r => Assert.Null(r.WebOrder));
    }

    [Fact]
    public void The_card_sale_is_a_pos_sale_with_its_payment_name_reference_and_issuer()
    {
        var sale = List()[0].Pos!;
        var tx = sale.Transaction;

        Assert.Equal((PosTransactionKind.Sale, "1", "{3CCB9848-155A-49E1-7CA8-5F7F78FC3067}"), (tx.Kind, tx.Location, tx.RegisterId));
        Assert.True(tx.Customer.IsGuest);
        Assert.Equal(new DateOnly(2016, 5, 12), tx.Date);
        var line = Assert.Single(tx.Lines);
        Assert.Equal(("121292-4", 1m, 14.15m, 0.85m, 6m, "Cookbook"), (line.Sku, line.Quantity, line.NetAmount, line.TaxAmount, line.TaxRate, line.Description));
        var payment = Assert.Single(tx.Payments);
        Assert.Equal(("Card", 15.00m, "160512095647 000046160830", "Mastercard"), (payment.Method, payment.Amount, payment.Reference, payment.CardIssuer));
        Assert.Equal(15.00m, tx.Total);
        Assert.Equal(OrderAction.Post, sale.Readiness.Action);
        Assert.Equal(0m, sale.Totals.RoundingDifference);
    }

    [Fact]
    public void The_negative_refund_order_becomes_a_return_of_positive_magnitudes_with_its_reason()
    {
        var tx = List()[1].Pos!.Transaction;

        Assert.Equal(PosTransactionKind.Return, tx.Kind);
        var line = Assert.Single(tx.Lines);
        Assert.Equal(("44079-0", 1m, 2392m, 598m, 25m), (line.Sku, line.Quantity, line.NetAmount, line.TaxAmount, line.TaxRate));
        Assert.Equal(2990m, tx.Total);
        Assert.Equal(2392m + 598m, tx.Total);
        Assert.Equal("RC123", tx.ReasonCode);
        Assert.Null(tx.OriginalExternalId);
        // The sample refunds 2900.00 of a 2990.00 return: kept as it is, for the POS builder to flag.
        Assert.Equal(2900m, Assert.Single(tx.Payments).Amount);
    }

    [Fact]
    public void A_return_names_its_original_sale_through_creditorderid_or_additional_data()
    {
        var node = Fixtures.Node("sitoo/orders_list.json");
        node["items"]![1]!["creditorderid"] = 11500;
        var viaCredit = SitooOrderParser.ParseOrders(node.ToJsonString())[1].Pos!.Transaction;
        node["items"]![1]!["creditorderid"] = null;
        node["items"]![1]!["additionaldata"]!["pos-originalsales-orderid"] = "11499";
        var viaAdditional = SitooOrderParser.ParseOrders(node.ToJsonString())[1].Pos!.Transaction;

        Assert.Equal("11500", viaCredit.OriginalExternalId);
        Assert.Equal("11499", viaAdditional.OriginalExternalId);
    }

    [Fact]
    public void A_receipt_that_sells_and_takes_back_goods_is_an_invalid_order_not_a_guess()
    {
        var node = Fixtures.Node("sitoo/orders_list.json");
        var items = node["items"]![0]!["orderitems"]!.AsArray();
        items.Add(JsonNode.Parse("""{ "orderitemtype": 10, "sku": "44079-0", "quantity": -1, "vatvalue": 25, "moneyitemtotal_net": "-10.00", "moneyitemtotal_vat": "-2.50" }"""));

        var record = SitooOrderParser.ParseOrders(node.ToJsonString())[0];

        Assert.Null(record.Pos);
        Assert.Equal("invalid-order", record.Problem!.Type);
    }

    [Fact]
    public void A_discount_row_after_a_product_is_applied_to_that_product()
    {
        var node = Fixtures.Node("sitoo/order.json");
        node["orderitems"]!.AsArray().Insert(1, JsonNode.Parse("""{ "orderitemtype": 20, "sku": "", "quantity": 1, "moneyitemtotal_net": "-10.00", "moneyitemtotal_vat": "-2.50" }"""));
        node["moneytotal_gross_all"] = "418.50";

        var parsed = Single(node.ToJsonString()).WebOrder!;

        Assert.Equal((90m, 22.5m), (parsed.Order.Lines[0].NetTotal, parsed.Order.Lines[0].TaxAmount));
        Assert.Equal(0m, parsed.Totals.RoundingDifference);
    }

    [Fact]
    public void A_till_in_another_timezone_dates_its_receipt_on_its_local_day()
    {
        var node = Fixtures.Node("sitoo/orders_list.json");
        node["items"]![0]!["orderdate"] = DateTimeOffset.Parse("2016-05-12T23:30:00Z", System.Globalization.CultureInfo.InvariantCulture).ToUnixTimeSeconds();
        node["items"]![0]!["additionaldata"]!["pos-timezone"] = "Europe/Stockholm";

        Assert.Equal(new DateOnly(2016, 5, 13), SitooOrderParser.ParseOrders(node.ToJsonString())[0].Pos!.Transaction.Date);
    }

    [Fact]
    public void The_post_body_splits_gross_rows_into_net_and_vat_that_add_up_to_the_read_order()
    {
        var write = SitooOrderParser.ParseOrderWrite(Fixtures.Read("sitoo/order_post_request.json"));

        Assert.Equal([(100m, 25m), (160m, 40m), (100m, 6m)], write.Lines.Select(l => (l.NetTotal, l.TaxAmount)));
        // The same order read back (order.json) totals 431.00: gross in, net + VAT out, to the cent.
        Assert.Equal(431m, write.GrossTotal);
        Assert.Equal(Single(Fixtures.Read("sitoo/order.json")).WebOrder!.Order.TotalPaid, write.GrossTotal);
    }

    [Fact]
    public void A_total_that_is_not_money_is_named_with_its_path_in_the_list()
    {
        var node = Fixtures.Node("sitoo/orders_list.json");
        node["items"]![1]!["moneytotal_gross_all"] = "abc";

        var error = Assert.Throws<ChannelPayloadException>(() => SitooOrderParser.ParseOrders(node.ToJsonString()));

        Assert.Equal("sitoo payload: items[1].moneytotal_gross_all must be a number, was \"abc\"", error.Message);
    }

    [Fact]
    public void A_row_without_a_sku_is_named()
    {
        var node = Fixtures.Node("sitoo/orders_list.json");
        node["items"]![0]!["orderitems"]![0]!.AsObject().Remove("sku");

        var error = Assert.Throws<ChannelPayloadException>(() => SitooOrderParser.ParseOrders(node.ToJsonString()));

        Assert.Equal("items[0].orderitems[0].sku", error.Field);
    }

    [Fact]
    public void A_payment_without_an_amount_is_named()
    {
        var node = Fixtures.Node("sitoo/orders_list.json");
        node["items"]![0]!["payments"]![0]!.AsObject().Remove("moneyamount");

        var error = Assert.Throws<ChannelPayloadException>(() => SitooOrderParser.ParseOrders(node.ToJsonString()));

        Assert.Equal("sitoo payload: items[0].payments[0].moneyamount is missing", error.Message);
    }
}
