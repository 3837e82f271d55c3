using ActorSync.Channels.Sitoo;

namespace ActorSync.Channels.Tests.Sitoo;

/// <summary>
/// The keys Sitoo's events and list rows are filed under in the inbox (the same key twice is the same delivery, so it
/// must never drift) and the edges of what is accepted.
/// </summary>
public class SitooEventsEdgeSpecs
{
    private static string Events(int count) =>
        "[" + string.Join(',', Enumerable.Range(0, count).Select(i => $$$"""{"event_id":"e{{{i}}}","event_type":"order","event_date":1764667200,"account_id":"90316","data":{"order_id":{{{11500 + i}}}}}""")) + "]";

    [Fact]
    public void A_delivery_of_exactly_ten_events_is_taken_whole()
    {
        var events = SitooEventsParser.ParseDelivery(Events(10));

        Assert.Equal(Enumerable.Range(0, 10).Select(i => $"event:e{i}"), events.Select(e => e.Key));
    }

    [Fact]
    public void A_delivery_that_is_not_an_array_is_refused_in_words_that_say_an_array_of_events_was_expected()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => SitooEventsParser.ParseDelivery("""{"event_id":"e1"}"""));

        Assert.Equal("must be an array of events, was an object", error.Problem);
    }

    [Theory]
    [InlineData("7f1c2a9e-5b3d-4e6f-8a1b-2c3d4e5f6a7b", true)]
    [InlineData("evt_1", true)]
    [InlineData("a", true)]
    [InlineData("", false)]
    [InlineData("evt 1", false)]
    [InlineData("evt/1", false)]
    [InlineData("é", false)]
    public void An_event_id_is_usable_as_a_key_when_it_is_letters_digits_dashes_and_underscores(string id, bool usable) =>
        Assert.Equal(usable, SitooEventsParser.IsUsableId(id));

    [Fact]
    public void An_event_id_is_usable_up_to_64_characters_and_not_beyond()
    {
        Assert.True(SitooEventsParser.IsUsableId(new string('a', 64)));
        Assert.False(SitooEventsParser.IsUsableId(new string('a', 65)));
        Assert.False(SitooEventsParser.IsUsableId(null));
    }

    [Fact]
    public void An_event_read_in_full_with_an_unusable_id_is_refused_naming_the_field()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => SitooEventsParser.ParseEvent(
            """{"event_id":"evt 1","event_type":"order","event_date":1764667200,"account_id":"90316","data":{"order_id":11513}}"""));

        Assert.Equal(("event_id", "must be an event id (letters, digits, '-', at most 64)"), (error.Field, error.Problem));
    }

    [Fact]
    public void An_order_event_of_order_zero_is_refused_naming_the_field()
    {
        var error = Assert.Throws<ChannelPayloadException>(() => SitooEventsParser.ParseEvent(
            """{"event_id":"e1","event_type":"order","event_date":1764667200,"account_id":"90316","data":{"order_id":0}}"""));

        Assert.Equal(("data.order_id", "must be a positive order id"), (error.Field, error.Problem));
    }

    [Fact]
    public void An_event_of_another_type_keeps_the_warehouse_its_data_names_and_no_order()
    {
        var e = SitooEventsParser.ParseEvent(
            """{"event_id":"e2","event_type":"warehouse_transaction","event_date":1764667200,"account_id":"90316","data":{"warehouse_id":3}}""");

        Assert.Equal(("warehouse_transaction", "3", null), (e.EventType, e.WarehouseId, e.OrderId));
    }

    [Fact]
    public void List_rows_keep_their_order_type_and_one_without_says_a_sales_order()
    {
        var (_, rows) = SitooListParser.ParseOrders("""
            {"totalcount":2,"items":[{"orderid":11513,"ordertypeid":20,"orderstateid":10,"paymentstateid":20},{"orderid":11514,"orderstateid":10}]}
            """);

        Assert.Equal(["order:11513:20-10-20", "order:11514:10-10-0"], rows.Select(r => r.Key));
    }

    [Fact]
    public void A_list_row_whose_id_cannot_be_read_is_filed_under_its_content_hash_alone()
    {
        const string row = """{"ordertypeid":10}""";
        var (_, rows) = SitooListParser.ParseOrders($$"""{"totalcount":1,"items":[{{row}}]}""");

        Assert.Equal("order:invalid:" + SitooListParser.Hash(row), Assert.Single(rows).Key);
    }

    [Fact]
    public void A_warehouse_transaction_row_that_cannot_be_read_is_filed_under_its_content_hash_with_the_field_and_problem()
    {
        const string row = """{"warehousetransactionid":9001,"transactiontype":10}""";
        var (_, rows) = SitooListParser.ParseTransactions($$"""{"totalcount":1,"items":[{{row}}]}""");

        var bad = Assert.Single(rows);
        Assert.Equal(("warehouse-transaction:invalid:" + SitooListParser.Hash(row), "items[0].warehouseid is missing", ""), (bad.Key, bad.Problem, bad.WarehouseId));
        Assert.Equal(9001L, bad.TransactionId);
    }
}
