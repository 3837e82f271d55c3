using System.Text.Json.Nodes;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Warehouse;

namespace ActorSync.Channels.Tests.Sitoo;

/// <summary>
/// Sitoo's warehouse transactions and levels beyond the fixture's two rows (values varied from the fixture): a move
/// against its own direction, zero rows, reason codes, bare lists, levels without an available figure.
/// </summary>
public class SitooWarehouseEdgeSpecs
{
    private static JsonObject Transactions() => (JsonObject)Fixtures.Node("sitoo/warehousetransactions.json");

    [Fact]
    public void A_move_against_its_direction_is_booked_by_its_sign_and_said_so_and_a_zero_row_is_left_out()
    {
        var node = Transactions();
        var moveIn = node["items"]![0]!.AsObject();
        moveIn["reasoncode"] = "RECOUNT";
        moveIn["items"] = new JsonArray(
            new JsonObject { ["decimalquantity"] = "-2.000", ["moneypricein"] = "3.45", ["sku"] = "Q100" },
            new JsonObject { ["decimalquantity"] = "0.000", ["moneypricein"] = "3.45", ["sku"] = "Q101" },
            new JsonObject { ["decimalquantity"] = "5.500", ["moneypricein"] = "0.00", ["sku"] = "Q102" });
        var moveOut = moveIn.DeepClone().AsObject();
        moveOut["warehousetransactionid"] = 19;
        moveOut["transactiontype"] = 20;
        moveOut.Remove("description");
        moveOut["items"] = new JsonArray(new JsonObject { ["decimalquantity"] = "1.000", ["moneypricein"] = "3.45", ["sku"] = "Q100" });
        node["items"] = new JsonArray(moveIn.DeepClone(), moveOut);

        var batch = SitooWarehouseParser.ParseTransactions(node.ToJsonString());

        Assert.Equal(
        [
            (MovementKind.Receipt, "18", "RECOUNT", "Q102", 5.5m, (decimal?)null),
            (MovementKind.Issue, "18", "RECOUNT", "Q100", 2m, (decimal?)null),
            (MovementKind.Receipt, "19", "RECOUNT", "Q100", 1m, (decimal?)3.45m),
        ], batch.Movements.SelectMany(m => m.Lines.Select(l => (m.Kind, m.MovementId, m.ReasonCode, l.Sku, l.Quantity, l.UnitCost))));
        Assert.Equal(
        [
            "Transaction 18 (Move In) has Q100 with a negative quantity; booked by its sign.",
            "Transaction 19 (20) has Q100 with a positive quantity; booked by its sign.",
        ], batch.Skipped);
    }

    [Fact]
    public void A_read_only_type_without_a_description_is_named_by_its_number()
    {
        var node = Transactions();
        node["items"]![0]!["transactiontype"] = 40;
        node["items"]![0]!.AsObject().Remove("description");

        Assert.StartsWith("Transaction 18 (type 40) is not a warehouse movement the engine posts", SitooWarehouseParser.ParseTransactions(node.ToJsonString()).Skipped[0], StringComparison.Ordinal);
    }

    [Fact]
    public void A_bare_list_reads_like_a_page_and_a_row_that_is_not_an_object_is_refused()
    {
        var items = Transactions()["items"]!.ToJsonString();

        Assert.Equal(2, SitooWarehouseParser.ParseTransactions(items).Movements.Count);
        Assert.StartsWith("items[0]", Assert.Throws<ChannelPayloadException>(() => SitooWarehouseParser.ParseTransactions("""{"items":[18]}""")).Field, StringComparison.Ordinal);
    }

    [Fact]
    public void A_level_without_an_available_figure_is_on_hand_less_reserved()
    {
        var levels = SitooWarehouseParser.ParseWarehouseItems(
            """[{"warehouseitemid":1,"sku":"10038-3","decimaltotal":"5.000","decimalreserved":"1.500"},{"warehouseitemid":2,"sku":"10038-4","decimaltotal":"5.000","decimalreserved":"1.500","decimalavailable":"2.000"}]""", "1");

        Assert.Equal([("10038-3", 5m, 1.5m, 3.5m), ("10038-4", 5m, 1.5m, 2m)], levels.Select(l => (l.Sku, l.OnHand, l.Reserved, l.Available)));
        Assert.Equal(2, SitooWarehouseParser.ParseWarehouseItems(Fixtures.Read("sitoo/warehouseitems.json")).Count);
    }

    [Fact]
    public void Products_read_from_a_bare_list_as_from_a_page()
    {
        var page = (JsonObject)Fixtures.Node("sitoo/products.json");
        var bare = page["items"]!.ToJsonString();

        var fromPage = SitooWarehouseParser.ParseProducts(page.ToJsonString());
        var fromBare = SitooWarehouseParser.ParseProducts(bare);

        Assert.NotEmpty(fromBare);
        Assert.Equal(fromPage, fromBare);
    }

    [Fact]
    public void An_empty_list_is_of_no_known_kind()
    {
        Assert.Null(SitooWarehouseParser.ListKind(Json.PayloadNode.Parse("[]", "sitoo")));
        Assert.Null(SitooWarehouseParser.ListKind(Json.PayloadNode.Parse("""{ "totalcount": 0, "items": [] }""", "sitoo")));
        Assert.Equal("warehousetransactions", SitooWarehouseParser.ListKind(Json.PayloadNode.Parse(Transactions().ToJsonString(), "sitoo")));
    }
}
