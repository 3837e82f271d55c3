using System.Text.Json.Nodes;
using ActorSync.Channels.Json;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Connectors.Sitoo;
using ActorSync.Domain.Pos;

namespace ActorSync.Channels.Tests.Sitoo;

/// <summary>
/// Every Sitoo fixture the connector reads, through the connector's own path: the poll's list read (ids, state,
/// totalcount), the inbox keys, the gate, then what the inbox does with the filed JSON; and the Events SPI deliveries.
/// </summary>
public class SitooConnectorPathSpecs
{
    [Fact]
    public void The_order_list_fixture_gives_the_poll_a_paid_card_sale_and_a_paid_negative_refund_to_file_and_totalcount()
    {
        var (total, rows) = SitooListParser.ParseOrders(Fixtures.Read("sitoo/orders_list.json"));

        Assert.Equal(1514, total);
        Assert.Equal(["order:11513:10-10-20", "order:11512:10-10-20"], rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.Equal(PollVerdict.File, SitooOrderGate.ForPoll(r.OrderTypeId, r.OrderStateId, r.PaymentStateId)));
        var filed = rows.Select(r => SitooOrderParser.ParseOrder(PayloadNode.Parse(r.Json, "sitoo"))).ToList();
        Assert.Equal((PosTransactionKind.Sale, 15.00m, "Card"), (filed[0].Pos!.Transaction.Kind, filed[0].Pos!.Transaction.Total, filed[0].Pos!.Transaction.Payments[0].Method));
        Assert.Equal((PosTransactionKind.Return, 2990.00m, 2900.00m), (filed[1].Pos!.Transaction.Kind, filed[1].Pos!.Transaction.Total, filed[1].Pos!.Transaction.Payments[0].Amount));
        Assert.All(filed, f => Assert.Equal(OrderAction.Post, f.Pos!.Readiness.Action));
    }

    [Fact]
    public void The_single_order_fixture_is_an_open_unpaid_webshop_order_the_poll_files_watches_and_the_inbox_holds()
    {
        var order = Fixtures.Node("sitoo/order.json");
        var list = new JsonObject { ["totalcount"] = 1, ["items"] = new JsonArray(order) }.ToJsonString();

        var row = Assert.Single(SitooListParser.ParseOrders(list).Rows);
        var record = SitooOrderParser.ParseOrder(PayloadNode.Parse(row.Json, "sitoo"));

        Assert.Equal(("order:11514:10-0-0", PollVerdict.FileAndWatch), (row.Key, SitooOrderGate.ForPoll(row.OrderTypeId, row.OrderStateId, row.PaymentStateId)));
        Assert.NotNull(record.WebOrder);
        Assert.Equal(OrderAction.Hold, record.WebOrder!.Readiness.Action);
        Assert.Contains("payment none yet", record.WebOrder.Readiness.Reason);
        Assert.Equal(431.00m, record.WebOrder.Order.TotalPaid);
    }

    [Fact]
    public void The_warehouse_transaction_fixture_files_a_move_in_and_a_stocktaking_of_a_booked_warehouse_as_movements()
    {
        var (total, rows) = SitooListParser.ParseTransactions(Fixtures.Read("sitoo/warehousetransactions.json"));

        Assert.Equal(16, total);
        Assert.Equal(["warehouse-transaction:18", "warehouse-transaction:16"], rows.Select(r => r.Key));
        Assert.All(rows, r => Assert.Equal(PollVerdict.File, SitooTransactionGate.Of(r.WarehouseId, r.TransactionType, ["1"]).Verdict));
        Assert.All(rows, r => Assert.Equal(PollVerdict.Skip, SitooTransactionGate.Of(r.WarehouseId, r.TransactionType, ["2"]).Verdict));
        var movements = rows.SelectMany(r => SitooWarehouseParser.ParseTransactions("[" + r.Json + "]").Movements).ToList();
        Assert.Equal([("18", 13.000m, (decimal?)3.45m), ("16", 1.000m, null)], movements.Select(m => (m.MovementId, m.Lines[0].Quantity, m.Lines[0].UnitCost)));
    }

    [Fact]
    public void A_list_row_whose_state_cannot_be_read_is_still_filed_under_its_own_key_and_moves_the_cursor()
    {
        var list = Fixtures.Node("sitoo/orders_list.json");
        list["items"]![0]!["paymentstateid"] = "paid";
        list["items"]![1]!.AsObject().Remove("orderid");

        var rows = SitooListParser.ParseOrders(list.ToJsonString()).Rows;

        Assert.Equal(11513, rows[0].OrderId);
        Assert.Contains("paymentstateid must be a number", rows[0].Problem);
        Assert.StartsWith("order:invalid:11513:", rows[0].Key);
        Assert.Null(rows[1].OrderId);
        Assert.StartsWith("order:invalid:", rows[1].Key);
    }

    [Fact]
    public void An_events_delivery_is_keyed_by_event_id_and_an_event_without_one_is_kept_under_a_content_key()
    {
        const string delivery = """
            [{"event_id":"7f1c2a9e-5b3d-4e6f-8a1b-2c3d4e5f6a7b","event_type":"order","event_date":1764667200,"account_id":"90316",
              "data":{"eshop_id":1,"order_id":11513,"warehouse_id":1,"order_event_type":"add","order_state_changed":"closed"}},
             {"event_type":"order","event_date":1764667201,"account_id":"90316","data":{"order_id":11512}},
             "not an event"]
            """;

        var events = SitooEventsParser.ParseDelivery(delivery);
        var first = SitooEventsParser.ParseEvent(events[0].Payload);

        Assert.Equal("event:7f1c2a9e-5b3d-4e6f-8a1b-2c3d4e5f6a7b", events[0].Key);
        Assert.Equal([true, false, false], events.Select(e => e.Usable));
        Assert.All(events.Skip(1), e => Assert.StartsWith("event:sha256-", e.Key));
        Assert.NotEqual(events[1].Key, events[2].Key);
        Assert.Equal((11513L, "add", "closed", "1"), (first.OrderId!.Value, first.OrderEventType, first.OrderStateChanged, first.WarehouseId));
        var missing = Assert.Throws<ChannelPayloadException>(() => SitooEventsParser.ParseEvent(events[1].Payload));
        Assert.Equal("event_id", missing.Field);
    }

    [Fact]
    public void A_delivery_that_is_not_an_array_of_at_most_ten_events_is_refused_naming_why()
    {
        var eleven = "[" + string.Join(',', Enumerable.Range(0, 11).Select(i => $$"""{"event_id":"e{{i}}"}""")) + "]";

        Assert.Contains("at most 10", Assert.Throws<ChannelPayloadException>(() => SitooEventsParser.ParseDelivery(eleven)).Problem);
        Assert.Contains("must be an array", Assert.Throws<ChannelPayloadException>(() => SitooEventsParser.ParseDelivery("""{"event_id":"e1"}""")).Problem);
        Assert.Contains("not valid JSON", Assert.Throws<ChannelPayloadException>(() => SitooEventsParser.ParseDelivery("[{")).Problem);
    }

    [Fact]
    public void An_order_event_names_the_bad_field_by_its_path()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => SitooEventsParser.ParseEvent(
            """{"event_id":"e1","event_type":"order","event_date":1764667200,"account_id":90316,"data":{"order_id":"eleven"}}"""));

        Assert.Equal("data.order_id", error.Field);
    }
}
