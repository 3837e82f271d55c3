using ActorSync.Channels.BigCommerce;

namespace ActorSync.Channels.Tests.BigCommerce;

/// <summary>
/// What each BigCommerce callback makes the engine do, in the words the dry run and the inbox show: the requests it
/// will make and what comes of them.
/// </summary>
public class BigCommerceWebhookOutcomeSpecs
{
    private static readonly DateTimeOffset At = DateTimeOffset.FromUnixTimeSeconds(1_764_230_400);

    private static BigCommerceWebhook Hook(string scope, string type = "order", string id = "250", string? orderId = null, string? refundId = null,
        int? previous = null, int? next = null, BigCommerceInventoryChange? inventory = null) =>
        new(scope, "1001234", type, id, "dd70c097a0f1c2b3", At, orderId ?? (type == "order" ? id : null), refundId, previous, next, inventory);

    [Fact]
    public void A_created_or_changed_order_is_fetched_with_its_products_and_addresses()
    {
        var created = BigCommerceWebhookParser.Decide(Hook("store/order/created"));
        var changed = BigCommerceWebhookParser.Decide(Hook("store/order/updated"));

        Assert.Equal((OrderAction.Post, "Order 250 was created."), (created.Action, created.What));
        Assert.Equal(("bigcommerce", "order 250"), (created.Fetch!.Channel, created.Fetch.Subject));
        Assert.Equal(["GET /v2/orders/250", "GET /v2/orders/250/products", "GET /v2/orders/250/shipping_addresses"], created.Fetch.Requests);
        Assert.Equal("A ChannelOrder, gated on its status (Incomplete/Pending wait), then a Sales Order (Orders) keyed BIGCOMMERCE-250.", created.Fetch.Then);
        Assert.Equal("Order 250 changed.", changed.What);
        Assert.Equal("order 250", changed.Fetch!.Subject);
        Assert.Equal("The ChannelOrder again: same content is a duplicate (no-op), a cancelled status closes the sales order, other changes are reported as a conflict.",
            changed.Fetch.Then);
    }

    [Fact]
    public void A_status_change_says_both_statuses_and_what_follows()
    {
        var toAwaitingFulfillment = BigCommerceWebhookParser.Decide(Hook("store/order/statusUpdated", previous: 1, next: 11));
        var toCancelled = BigCommerceWebhookParser.Decide(Hook("store/order/statusUpdated", previous: 11, next: 5));
        var unknown = BigCommerceWebhookParser.Decide(Hook("store/order/statusUpdated", previous: null, next: 0));

        Assert.Equal((OrderAction.Post, "Order 250 went from status 1 (Pending) to 11 (Awaiting Fulfillment)."), (toAwaitingFulfillment.Action, toAwaitingFulfillment.What));
        Assert.Equal(("order 250", "A ChannelOrder and its Sales Order, unless already posted."), (toAwaitingFulfillment.Fetch!.Subject, toAwaitingFulfillment.Fetch.Then));
        Assert.Equal((OrderAction.Cancel, "Order 250 went from status 11 (Awaiting Fulfillment) to 5 (Cancelled)."), (toCancelled.Action, toCancelled.What));
        Assert.Equal(OrderAction.Hold, unknown.Action);
        Assert.Equal("Order 250 went from status ? to 0 (Incomplete). status 0 (Incomplete): checkout not finished; posts when the status moves on.", unknown.What);
    }

    [Fact]
    public void A_refund_is_fetched_from_the_order_s_refunds_and_products()
    {
        var refund = BigCommerceWebhookParser.Decide(Hook("store/order/refund/created", refundId: "31"));

        Assert.Equal((OrderAction.Post, "Refund 31 was made on order 250."), (refund.Action, refund.What));
        Assert.Equal("refund 31 of order 250", refund.Fetch!.Subject);
        Assert.Equal(["GET /v3/orders/250/payment_actions/refunds", "GET /v2/orders/250/products"], refund.Fetch.Requests);
        Assert.Equal("A RefundRequest (refund 31, SKUs from the order products), then an A/R Credit Note based on the order's invoice (BaseType 13), never twice for one refund id.",
            refund.Fetch.Then);
    }

    [Theory]
    [InlineData("store/shipment/created", "created")]
    [InlineData("store/shipment/updated", "updated")]
    public void A_shipment_is_fetched_with_the_order_s_products(string scope, string verb)
    {
        var shipment = BigCommerceWebhookParser.Decide(Hook(scope, "shipment", "12", orderId: "250"));

        Assert.Equal((OrderAction.Post, $"Shipment 12 of order 250 was {verb}."), (shipment.Action, shipment.What));
        Assert.Equal("shipment 12 of order 250", shipment.Fetch!.Subject);
        Assert.Equal(["GET /v2/orders/250/shipments/12", "GET /v2/orders/250/products"], shipment.Fetch.Requests);
        Assert.Equal("A DispatchConfirmation (tracking included), then a Delivery based on the sales order (BaseType 17) and an A/R Invoice based on the delivery (BaseType 15).",
            shipment.Fetch.Then);
    }

    [Fact]
    public void Callbacks_with_nothing_for_sap_say_why()
    {
        Assert.Equal((OrderAction.Ignore, "Order 250 was archived in the control panel; SAP keeps its documents."),
            Pair(BigCommerceWebhookParser.Decide(Hook("store/order/archived"))));
        Assert.Equal((OrderAction.Hold, "Shipment 12 of order 250 was deleted: a posted delivery is not reversed automatically; the engine reports it for operations."),
            Pair(BigCommerceWebhookParser.Decide(Hook("store/shipment/deleted", "shipment", "12", orderId: "250"))));
        Assert.Equal((OrderAction.Ignore, "BigCommerce stock of product 77 was set (absolute 12). SAP is the stock master (DESIGN.md: stock flows SAP to channels), "
            + "so nothing is posted; the engine compares it with what it last published and republishes SAP's figure when they differ."),
            Pair(BigCommerceWebhookParser.Decide(Hook("store/product/inventory/updated", "product", "77", inventory: new("77", null, "absolute", 12)))));
        Assert.Equal((OrderAction.Ignore, "BigCommerce stock of sku 341 moved because of an order; the order's own webhooks carry it to SAP."),
            Pair(BigCommerceWebhookParser.Decide(Hook("store/sku/inventory/order/updated", "sku", "341"))));
        Assert.Equal((OrderAction.Ignore, "Scope store/cart/created has no handler; nothing for SAP."), Pair(BigCommerceWebhookParser.Decide(Hook("store/cart/created", "cart", "9"))));
    }

    private static (OrderAction, string) Pair(WebhookOutcome outcome) => (outcome.Action, outcome.What);

    [Fact]
    public void Only_order_callbacks_name_their_order_by_their_own_id()
    {
        var order = BigCommerceWebhookParser.Parse("""{"scope":"store/order/created","store_id":"1001234","data":{"type":"order","id":250},"hash":"dd70c097","created_at":1764230400}""");
        var product = BigCommerceWebhookParser.Parse("""{"scope":"store/product/inventory/order/updated","store_id":"1001234","data":{"type":"product","id":77},"hash":"0a1b","created_at":1764230400}""");

        Assert.Equal("250", order.OrderId);
        Assert.Null(product.OrderId);
    }
}
