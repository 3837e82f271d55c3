using ActorSync.Channels.Json;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Channels.Tests.Sitoo;

public class SitooWarehouseSpecs
{
    [Fact]
    public void A_move_in_is_a_receipt_with_its_cost_and_a_stock_count_shortage_is_an_issue()
    {
        var batch = SitooWarehouseParser.ParseTransactions(Fixtures.Read("sitoo/warehousetransactions.json"));

        Assert.Empty(batch.Skipped);
        Assert.Equal(2, batch.Movements.Count);
        var moveIn = batch.Movements[0];
        Assert.Equal(("sitoo", "18", MovementKind.Receipt, "1", "EXTID2"), (moveIn.Source, moveIn.MovementId, moveIn.Kind, moveIn.Location, moveIn.Reference));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1559046593), moveIn.OccurredAt);
        var received = Assert.Single(moveIn.Lines);
        Assert.Equal(("Q100", 13m, (decimal?)3.45m), (received.Sku, received.Quantity, received.UnitCost));
        var count = batch.Movements[1];
        Assert.Equal(("16", MovementKind.Issue), (count.MovementId, count.Kind));
        var short1 = Assert.Single(count.Lines);
        Assert.Equal(("10038-1", 1m, (decimal?)null), (short1.Sku, short1.Quantity, short1.UnitCost));
    }

    [Fact]
    public void Sales_and_other_read_only_transaction_types_are_skipped_by_name_not_posted_twice()
    {
        var node = Fixtures.Node("sitoo/warehousetransactions.json");
        node["items"]![0]!["transactiontype"] = 30;
        node["items"]![0]!["description"] = "Sales";

        var batch = SitooWarehouseParser.ParseTransactions(node.ToJsonString());

        var movement = Assert.Single(batch.Movements);
        Assert.Equal("16", movement.MovementId);
        Assert.Contains("Transaction 18 (type 30, \"Sales\")", Assert.Single(batch.Skipped), StringComparison.Ordinal);
    }

    [Fact]
    public void A_stock_count_with_surplus_and_shortage_splits_into_a_receipt_and_an_issue()
    {
        var node = Fixtures.Node("sitoo/warehousetransactions.json");
        node["items"]![1]!["items"]!.AsArray().Add(System.Text.Json.Nodes.JsonNode.Parse("""{ "decimalquantity": "2.000", "decimaltotal": "7.000", "moneypricein": "0.00", "sku": "10038-2" }"""));

        var movements = SitooWarehouseParser.ParseTransactions(node.ToJsonString()).Movements.Where(m => m.MovementId == "16").ToList();

        Assert.Equal([MovementKind.Receipt, MovementKind.Issue], movements.Select(m => m.Kind));
        Assert.Null(movements[0].Lines[0].UnitCost);
    }

    [Fact]
    public void A_quantity_that_is_not_a_decimal_string_is_named()
    {
        var node = Fixtures.Node("sitoo/warehousetransactions.json");
        node["items"]![0]!["items"]![0]!["decimalquantity"] = true;

        var error = Assert.Throws<ChannelPayloadException>(() => SitooWarehouseParser.ParseTransactions(node.ToJsonString()));

        Assert.Equal("sitoo payload: items[0].items[0].decimalquantity must be a number, was true", error.Message);
    }

    [Fact]
    public void Warehouse_items_are_stock_levels_read_from_decimaltotal()
    {
        var levels = SitooWarehouseParser.ParseWarehouseItems(Fixtures.Read("sitoo/warehouseitems.json"), "1");

        Assert.Equal(2, levels.Count);
        Assert.Equal(("1", "10038-3", 5m, 0m, 5m), (levels[0].Location, levels[0].Sku, levels[0].OnHand, levels[0].Reserved, levels[0].Available));
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1462874148), levels[0].LastModified);
        Assert.Equal("10038-4", levels[1].Sku);
    }

    [Fact]
    public void Products_are_listed_with_their_gross_price()
    {
        var products = SitooWarehouseParser.ParseProducts(Fixtures.Read("sitoo/products.json"));

        Assert.Equal(5, products.Count);
        Assert.Equal(("14", "10038-2", "Sofa Cosy", (decimal?)10392.00m), (products[2].ProductId, products[2].Sku, products[2].Title, products[2].Price));
    }

    [Theory]
    [InlineData("sitoo/warehousetransactions.json", "warehousetransactions")]
    [InlineData("sitoo/warehouseitems.json", "warehouseitems")]
    [InlineData("sitoo/orders_list.json", "orders")]
    [InlineData("sitoo/products.json", "products")]
    public void A_list_says_what_it_holds_by_its_first_items_id_field(string fixture, string kind)
    {
        Assert.Equal(kind, SitooWarehouseParser.ListKind(PayloadNode.Parse(Fixtures.Read(fixture), "sitoo")));
    }
}
