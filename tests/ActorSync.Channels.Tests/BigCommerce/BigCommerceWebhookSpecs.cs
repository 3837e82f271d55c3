using System.Text.Json.Nodes;
using ActorSync.Channels.BigCommerce;

namespace ActorSync.Channels.Tests.BigCommerce;

public class BigCommerceWebhookSpecs
{
    private static BigCommerceWebhook Parse(string fixture) => BigCommerceWebhookParser.Parse(Fixtures.Read($"bigcommerce/{fixture}"));

    [Fact]
    public void Order_created_only_names_the_order_so_the_engine_fetches_header_products_and_addresses()
    {
        var hook = Parse("store_order_created.json");
        var outcome = BigCommerceWebhookParser.Decide(hook);

        Assert.Equal(("store/order/created", "1025646", "order", "250", "250"), (hook.Scope, hook.StoreId, hook.DataType, hook.Id, hook.OrderId));
        Assert.Equal("dd70c0976e06b67aaf671e73f49dcb79230ebf9d", hook.Hash);
        Assert.Equal(DateTimeOffset.FromUnixTimeSeconds(1561479335), hook.CreatedAt);
        Assert.Equal(OrderAction.Post, outcome.Action);
        Assert.Equal(["GET /v2/orders/250", "GET /v2/orders/250/products", "GET /v2/orders/250/shipping_addresses"], outcome.Fetch!.Requests);
        Assert.Null(outcome.Cancellation);
    }

    [Fact]
    public void Order_updated_is_fetched_again_and_shares_the_created_hash_in_the_sample()
    {
        var hook = Parse("store_order_updated.json");

        Assert.Equal("store/order/updated", hook.Scope);
        Assert.Equal(Parse("store_order_created.json").Hash, hook.Hash);
        Assert.Equal("GET /v2/orders/250", BigCommerceWebhookParser.Decide(hook).Fetch!.Requests[0]);
    }

    [Fact]
    public void A_status_update_to_awaiting_fulfillment_fetches_the_order()
    {
        var hook = Parse("store_order_statusUpdated.json");
        var outcome = BigCommerceWebhookParser.Decide(hook);

        Assert.Equal((0, 11), (hook.PreviousStatusId, hook.NewStatusId));
        Assert.Equal(OrderAction.Post, outcome.Action);
        Assert.NotNull(outcome.Fetch);
    }

    [Fact]
    public void A_status_update_to_cancelled_is_a_cancellation_without_any_fetch()
    {
        var node = Fixtures.Node("bigcommerce/store_order_statusUpdated.json");
        node["data"]!["status"]!["new_status_id"] = 5;

        var outcome = BigCommerceWebhookParser.Decide(BigCommerceWebhookParser.Parse(node.ToJsonString()));

        Assert.Equal(OrderAction.Cancel, outcome.Action);
        Assert.Null(outcome.Fetch);
        Assert.Equal(("bigcommerce", "250"), (outcome.Cancellation!.Channel, outcome.Cancellation.OrderExternalId));
    }

    [Fact]
    public void A_status_update_to_incomplete_waits()
    {
        var node = Fixtures.Node("bigcommerce/store_order_statusUpdated.json");
        node["data"]!["status"]!["new_status_id"] = 0;

        Assert.Equal(OrderAction.Hold, BigCommerceWebhookParser.Decide(BigCommerceWebhookParser.Parse(node.ToJsonString())).Action);
    }

    [Fact]
    public void A_refund_callback_names_the_refund_and_the_engine_reads_the_order_refunds_and_products()
    {
        var hook = Parse("store_order_refund_created.json");
        var outcome = BigCommerceWebhookParser.Decide(hook);

        Assert.Equal(("250", "3"), (hook.OrderId, hook.RefundId));
        Assert.Equal(["GET /v3/orders/250/payment_actions/refunds", "GET /v2/orders/250/products"], outcome.Fetch!.Requests);
    }

    [Fact]
    public void A_shipment_callback_names_its_order_in_camel_case()
    {
        var hook = Parse("store_shipment_created.json");
        var outcome = BigCommerceWebhookParser.Decide(hook);

        Assert.Equal(("shipment", "12", "251"), (hook.DataType, hook.Id, hook.OrderId));
        Assert.Equal("GET /v2/orders/251/shipments/12", outcome.Fetch!.Requests[0]);
    }

    [Theory]
    [InlineData("store_product_inventory_updated.json", "product", "167", null, 100000000)]
    [InlineData("store_product_inventory_order_updated.json", "product", "167", null, 100000000)]
    [InlineData("store_sku_inventory_updated.json", "sku", "461", "509", 5)]
    [InlineData("store_sku_inventory_order_updated.json", "sku", "461", "509", 5)]
    public void Inventory_callbacks_carry_the_absolute_level_and_post_nothing_to_sap(string fixture, string type, string id, string? variant, int value)
    {
        var hook = Parse(fixture);
        var outcome = BigCommerceWebhookParser.Decide(hook);

        Assert.Equal((type, id), (hook.DataType, hook.Id));
        Assert.Equal(("absolute", (decimal)value, variant), (hook.Inventory!.Method, hook.Inventory.Value, hook.Inventory.VariantId));
        Assert.Equal(OrderAction.Ignore, outcome.Action);
        Assert.Null(outcome.Fetch);
    }

    [Fact]
    public void A_callback_without_its_data_id_is_named()
    {
        var node = Fixtures.Node("bigcommerce/store_order_created.json");
        node["data"]!.AsObject().Remove("id");

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceWebhookParser.Parse(node.ToJsonString()));

        Assert.Equal("bigcommerce payload: data.id is missing", error.Message);
    }

    [Fact]
    public void A_created_at_that_is_not_unix_seconds_is_named()
    {
        var node = Fixtures.Node("bigcommerce/store_order_created.json");
        node["created_at"] = "yesterday";

        var error = Assert.Throws<ChannelPayloadException>(() => BigCommerceWebhookParser.Parse(node.ToJsonString()));

        Assert.Equal("created_at", error.Field);
        Assert.Contains("must be a number", error.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_scope_is_ignored_by_name()
    {
        var node = Fixtures.Node("bigcommerce/store_order_created.json");
        node["scope"] = "store/cart/abandoned";

        var outcome = BigCommerceWebhookParser.Decide(BigCommerceWebhookParser.Parse(node.ToJsonString()));

        Assert.Equal(OrderAction.Ignore, outcome.Action);
        Assert.Contains("store/cart/abandoned", outcome.What, StringComparison.Ordinal);
    }

    [Fact]
    public void The_status_list_fixture_has_fifteen_statuses_each_with_an_engine_action()
    {
        var statuses = BigCommerceStatuses.ParseStatusList(Fixtures.Read("bigcommerce/v2_order_statuses.json"));

        Assert.Equal(15, statuses.Count);
        Assert.Equal("Incomplete - Testing", statuses[0].CustomLabel);
        Assert.Equal(OrderAction.Hold, statuses.Single(s => s.Id == 0).Readiness.Action);
        Assert.Equal(OrderAction.Cancel, statuses.Single(s => s.Id == 5).Readiness.Action);
        Assert.Equal(OrderAction.Cancel, statuses.Single(s => s.Id == 6).Readiness.Action);
        Assert.Equal(OrderAction.Post, statuses.Single(s => s.Id == 11).Readiness.Action);
        Assert.Equal(OrderAction.Hold, statuses.Single(s => s.Id == 12).Readiness.Action);
    }

    [Fact]
    public void Fixture_status_names_agree_with_the_engines_table()
    {
        foreach (var row in BigCommerceStatuses.ParseStatusList(Fixtures.Read("bigcommerce/v2_order_statuses.json")))
            Assert.Equal(BigCommerceStatuses.Names[row.Id], row.Name);
    }
}
