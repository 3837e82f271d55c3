using System.Text.Json.Nodes;
using ActorSync.Channels.BigCommerce;

namespace ActorSync.Channels.Tests.BigCommerce;

/// <summary>
/// What the inbound connector adds to the parsers, on every BigCommerce fixture: which callbacks it takes, their inbox
/// keys, the poll's list read, and the entries it files for orders the poll finds.
/// </summary>
public class BigCommerceConnectorPathSpecs
{
    public static IEnumerable<object[]> Callbacks() =>
        Directory.GetFiles(Fixtures.Path("bigcommerce"), "store_*.json").Order(StringComparer.Ordinal).Select(f => new object[] { Path.GetFileName(f) });

    [Theory]
    [MemberData(nameof(Callbacks))]
    public void Every_callback_fixture_parses_and_only_order_refund_and_shipment_scopes_go_to_the_inbox(string file)
    {
        var hook = BigCommerceWebhookParser.Parse(Fixtures.Read($"bigcommerce/{file}"));

        Assert.Equal(file.StartsWith("store_order", StringComparison.Ordinal) || file.StartsWith("store_shipment", StringComparison.Ordinal), BigCommerceWebhookParser.IsInbound(hook.Scope));
        Assert.Equal("stores/{store_hash}", hook.Producer);
        Assert.StartsWith(hook.Scope + ":" + hook.Hash + ":", BigCommerceWebhookParser.InboxKey(hook));
    }

    [Fact]
    public void Order_created_and_updated_share_a_hash_but_not_an_inbox_key_so_no_update_is_dropped()
    {
        var created = BigCommerceWebhookParser.Parse(Fixtures.Read("bigcommerce/store_order_created.json"));
        var updated = BigCommerceWebhookParser.Parse(Fixtures.Read("bigcommerce/store_order_updated.json"));

        Assert.Equal(created.Hash, updated.Hash);
        Assert.NotEqual(BigCommerceWebhookParser.InboxKey(created), BigCommerceWebhookParser.InboxKey(updated));
        Assert.Equal(BigCommerceWebhookParser.InboxKey(created), BigCommerceWebhookParser.InboxKey(BigCommerceWebhookParser.Parse(Fixtures.Read("bigcommerce/store_order_created.json"))));
    }

    [Fact]
    public void The_poll_reads_id_date_modified_and_status_of_the_order_list()
    {
        var rows = BigCommerceOrderParser.ParseModifiedList(Fixtures.Read("bigcommerce/v2_orders.json"));
        var full = BigCommerceOrderParser.ParseOrderList(Fixtures.Read("bigcommerce/v2_orders.json"));

        Assert.Equal(full.Select(o => o.Id), rows.Select(r => r.Id));
        Assert.Equal(new DateTimeOffset(2018, 12, 5, 20, 16, 55, TimeSpan.Zero), rows[0].Modified);
        Assert.Equal(11, rows[0].StatusId);
        Assert.Empty(BigCommerceOrderParser.ParseModifiedList("")); // 204 No Content
    }

    [Fact]
    public void A_list_row_without_date_modified_is_refused_at_its_path()
    {
        var list = Fixtures.Node("bigcommerce/v2_orders.json").AsArray();
        list[0]!.AsObject().Remove("date_modified");

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceOrderParser.ParseModifiedList(list.ToJsonString()));

        Assert.Equal("$[0].date_modified", error.Field);
    }

    [Fact]
    public void An_order_the_poll_finds_is_filed_as_an_order_update_callback_keyed_by_id_and_modification()
    {
        var modified = new DateTimeOffset(2018, 12, 5, 20, 16, 55, TimeSpan.Zero);

        var hook = BigCommerceWebhookParser.Parse(BigCommerceWebhookParser.ForPolledOrder("abc123", "1025646", "100", modified));

        Assert.Equal("store/order/updated", hook.Scope);
        Assert.Equal("100", hook.OrderId);
        Assert.Equal("stores/abc123", hook.Producer);
        Assert.Equal($"store/order/updated:poll-100-{modified.ToUnixTimeSeconds()}:{modified.ToUnixTimeSeconds()}", BigCommerceWebhookParser.InboxKey(hook));
    }

    [Fact]
    public void A_callback_without_its_hash_is_refused_at_its_path()
    {
        var node = Fixtures.Node("bigcommerce/store_order_created.json").AsObject();
        node.Remove("hash");

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceWebhookParser.Parse(node.ToJsonString()));

        Assert.Equal("hash", error.Field); // PayloadNode names root members without "$."
    }
}
