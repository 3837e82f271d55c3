using System.Text.Json.Nodes;
using ActorSync.Channels.BigCommerce;
using ActorSync.Channels.Magento;
using ActorSync.Channels.Sitoo;
using ActorSync.Domain.Payments;

namespace ActorSync.Channels.Tests.Payments;

/// <summary>Each channel's payment fields (channels.md §1.3, §2.4, §3.2) read from the vendors' own samples into the order's payments.</summary>
public class ChannelPaymentSpecs
{
    [Fact]
    public void A_magento_order_carries_its_payment_method_and_the_amount_ordered()
    {
        var order = MagentoOrderParser.Parse(Fixtures.Read("magento/order.json")).Order;

        // payment{method: "banktransfer", amount_ordered: 165}: whether it was collected is the method's mapping's to say.
        Assert.Equal(new OrderPayment("banktransfer", 165m, PaymentState.Captured), Assert.Single(order.Payments!));
    }

    [Fact]
    public void A_magento_order_without_a_payment_block_says_nothing_of_its_payment()
    {
        var node = Fixtures.Node("magento/order.json");
        node.AsObject().Remove("payment");

        Assert.Null(MagentoOrderParser.Parse(node.ToJsonString()).Order.Payments);
    }

    [Fact]
    public void A_bigcommerce_payment_only_authorised_is_not_money_taken()
    {
        // Order 218 of the docs: payment_method "Cash", payment_status "authorized", total_inc_tax 69.8400. Its products are order 149's.
        var header = BigCommerceOrderParser.ParseOrder(Fixtures.Read("bigcommerce/v2_order.json")) with { Id = "149" };

        var order = BigCommerceOrderParser.Compose(header, BigCommerceOrderParser.ParseProducts(Fixtures.Read("bigcommerce/v2_order_products.json")), []).Order;

        Assert.Equal(new OrderPayment("Cash", 69.84m, PaymentState.Authorised), Assert.Single(order.Payments!));
    }

    [Fact]
    public void A_bigcommerce_order_paid_partly_with_store_credit_and_a_gift_certificate_carries_each_part_with_the_psp_reference()
    {
        var node = Fixtures.Node("bigcommerce/v2_order.json");
        node["id"] = 149;
        node["payment_status"] = "captured";
        node["payment_provider_id"] = "3b0a5d7c-2f9e";
        node["store_credit_amount"] = "10.0000";
        node["gift_certificate_amount"] = "5.5000";
        var header = BigCommerceOrderParser.ParseOrder(node.ToJsonString());

        var order = BigCommerceOrderParser.Compose(header, BigCommerceOrderParser.ParseProducts(Fixtures.Read("bigcommerce/v2_order_products.json")), []).Order;

        Assert.Equal([new OrderPayment("Cash", 54.34m, PaymentState.Captured, "3b0a5d7c-2f9e"),
            new OrderPayment("storecredit", 10m, PaymentState.Captured), new OrderPayment("giftcertificate", 5.5m, PaymentState.Captured)], order.Payments!);
        Assert.Equal(order.TotalPaid, order.Payments!.Sum(p => p.Amount));
    }

    [Fact]
    public void A_sitoo_web_order_s_payments_take_their_method_from_additionaldata_and_are_captured_once_successful()
    {
        var node = Fixtures.Node("sitoo/order.json");
        node["paymentstateid"] = 20;
        node["payments"] = JsonNode.Parse("""
            [{ "name": "Card", "moneyamount": "400.00", "externalid": "ext-1", "reftype": "adyen", "refid": "8535296650153211", "additionaldata": { "payment-method": "adyen-card" } },
             { "name": "Gift card", "moneyamount": "31.00", "externalid": "GC-9", "additionaldata": { "giftcard-cardnumber": "6033" } }]
            """);

        var order = Assert.Single(SitooOrderParser.ParseOrders(node.ToJsonString())).WebOrder!.Order;

        Assert.Equal([new OrderPayment("adyen-card", 400m, PaymentState.Captured, "8535296650153211"), new OrderPayment("Gift card", 31m, PaymentState.Captured, "GC-9")],
            order.Payments!);
    }

    [Theory]
    [InlineData(15, PaymentState.Authorised)]
    [InlineData(10, PaymentState.Pending)]
    [InlineData(0, PaymentState.Pending)]
    public void A_sitoo_web_order_not_yet_paid_says_so(int paymentState, PaymentState expected)
    {
        var node = Fixtures.Node("sitoo/order.json");
        node["paymentstateid"] = paymentState;
        node["payments"] = JsonNode.Parse("""[{ "name": "Invoice", "moneyamount": "431.00" }]""");

        var order = Assert.Single(SitooOrderParser.ParseOrders(node.ToJsonString())).WebOrder!.Order;

        Assert.Equal(new OrderPayment("Invoice", 431m, expected), Assert.Single(order.Payments!));
    }

    [Fact]
    public void A_sitoo_web_order_with_no_payments_says_nothing_of_its_payment()
    {
        // The docs' single order: payments [] (paymentstateid 0).
        Assert.Null(Assert.Single(SitooOrderParser.ParseOrders(Fixtures.Read("sitoo/order.json"))).WebOrder!.Order.Payments);
    }
}
