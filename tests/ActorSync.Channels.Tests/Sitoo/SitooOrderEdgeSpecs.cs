using System.Text.Json.Nodes;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Pos;

namespace ActorSync.Channels.Tests.Sitoo;

/// <summary>Till receipts at their edges: a return of something given free, a delivery charge without VAT, a discount on a zero-rated book.</summary>
public class SitooOrderEdgeSpecs
{
    /// <summary>The list fixture: item 0 a card sale of a cookbook at 6 % (15.00), item 1 a refund of a coffee table.</summary>
    private static PosTransaction Receipt(int index, Action<JsonNode> change)
    {
        var node = Fixtures.Node("sitoo/orders_list.json");
        change(node["items"]![index]!);
        return SitooOrderParser.ParseOrders(node.ToJsonString())[index].Pos!.Transaction;
    }

    private static ParsedPosTransaction Parsed(int index, Action<JsonNode> change)
    {
        var node = Fixtures.Node("sitoo/orders_list.json");
        change(node["items"]![index]!);
        return SitooOrderParser.ParseOrders(node.ToJsonString())[index].Pos!;
    }

    [Fact]
    public void Goods_taken_back_are_a_return_even_when_they_were_given_free_and_nothing_is_paid_back()
    {
        var tx = Receipt(1, r =>
        {
            var row = r["orderitems"]![0]!;
            row["moneyitemtotal_net"] = "0.00";
            row["moneyitemtotal_vat"] = "0.00";
            r["moneytotal_gross_all"] = "0.00";
            r["moneyfinal_net"] = "0.00";
            r["moneyfinal_vat"] = "0.00";
            r["payments"] = new JsonArray();
        });

        Assert.Equal(PosTransactionKind.Return, tx.Kind);
        Assert.Equal(("44079-0", 1m, 0m), (tx.Lines[0].Sku, tx.Lines[0].Quantity, tx.Total));
    }

    [Fact]
    public void A_delivery_charge_without_VAT_on_a_till_receipt_is_noted_as_not_posted()
    {
        var parsed = Parsed(0, r =>
        {
            r["moneydelivery_net"] = "4.00";
            r["moneydelivery_vat"] = "0.00";
        });

        Assert.Contains("A delivery charge of 4.00 on a till receipt is not posted: POS invoices carry goods only.", parsed.Notes);
    }

    [Fact]
    public void A_discount_on_a_zero_rated_book_is_taken_off_the_book_though_it_carries_no_VAT()
    {
        // The cookbook zero-rated at 15.00, 1.50 off: 13.50 paid.
        var tx = Receipt(0, r =>
        {
            var row = r["orderitems"]![0]!;
            row["vatvalue"] = 0;
            row["moneyitemtotal_net"] = "15.00";
            row["moneyitemtotal_vat"] = "0.00";
            r["orderitems"]!.AsArray().Add(JsonNode.Parse("""{ "orderitemtype": 20, "sku": "", "quantity": 1, "vatvalue": 0, "moneyitemtotal_net": "-1.50", "moneyitemtotal_vat": "0.00" }"""));
            r["moneytotal_gross_all"] = "13.50";
            r["payments"]![0]!["moneyamount"] = "13.50";
        });

        var book = Assert.Single(tx.Lines);
        Assert.Equal(("121292-4", 13.50m, 0m), (book.Sku, book.NetAmount, book.TaxAmount));
        Assert.Equal(13.50m, tx.Total);
    }
}
