using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using static ActorSync.Domain.Orders.OrderEvents;
using static ActorSync.Domain.Payments.PaymentEvents;

namespace ActorSync.Domain.Tests.Payments;

/// <summary>
/// A channel's day of money against SAP's payments: which order events count on which day, what the channel says
/// moved per method, and which orders differ, by direction, to the cent.
/// </summary>
public class PaymentReconciliationSpecs
{
    private static readonly DateOnly Day = new(2026, 11, 27);
    private static readonly DateTimeOffset At = new(2026, 11, 27, 18, 0, 0, TimeSpan.Zero);

    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento") with
    {
        PaymentAccounts = OrderMapping.ForDemoCompany("magento").PaymentAccounts
            .SetItem("checkmo", new PaymentAccount("161010", PaymentMeans.Transfer))
            .SetItem("cashondelivery", new PaymentAccount("100000", PaymentMeans.Cash, PaymentCapture.Reported)),
    };

    private static ChannelOrder Order(string id, DateOnly date, params OrderPayment[] payments) =>
        new("magento", id, date, "EUR", new CustomerRef("ann@example.com", null, true), [new OrderLine("ITM00017", 2, 10.15m, 4.06m, 20m)], 4.95m, 0.99m, 30.30m, "flatrate_flatrate")
        {
            Payments = payments.Length == 0 ? null : [.. payments],
        };

    private static OrderReceived Received(ChannelOrder order) => new($"magento:{order.ExternalId}", order, order.Fingerprint(), At);

    private static PlannedPayment Planned(PaymentDirection direction, string method, decimal amount, DateOnly paidOn) =>
        new("payment:2", direction, "credit:RF-1", "refund:RF-1", method, amount, amount, paidOn, paidOn);

    [Fact]
    public void Events_that_move_money_carry_the_channel_s_day_tag_and_others_none()
    {
        var report = new PaymentReport("magento", "100000452", "txn-51", "cashondelivery", 30.30m, Day.AddDays(2));

        Assert.Equal("payments:magento:2026-11-27", PaymentReconciliation.DayTag("Magento", Day));
        Assert.Equal("payments:magento:2026-11-27", PaymentReconciliation.DayTagOf(Received(Order("100000451", Day, new OrderPayment("checkmo", 30.30m, PaymentState.Captured)))));
        Assert.Null(PaymentReconciliation.DayTagOf(Received(Order("100000451", Day))));
        Assert.Equal("payments:magento:2026-11-29", PaymentReconciliation.DayTagOf(new PaymentReported("magento:100000452", report, At)));
        Assert.Equal("payments:magento:2026-11-30",
            PaymentReconciliation.DayTagOf(new PaymentPlanned("magento:100000451", Planned(PaymentDirection.Refund, "checkmo", 12.18m, Day.AddDays(3)), null, At)));
        Assert.Null(PaymentReconciliation.DayTagOf(new PaymentPlanned("magento:100000451", Planned(PaymentDirection.Incoming, "checkmo", 12.18m, Day), null, At)));
        Assert.Null(PaymentReconciliation.DayTagOf(new OrderCancelled("magento:100000451", At)));
    }

    [Fact]
    public void The_channel_s_day_is_what_was_captured_at_checkout_reported_or_refunded_on_it()
    {
        var events = new IOrderEvent[]
        {
            Received(Order("100000451", Day, new OrderPayment("checkmo", 25.30m, PaymentState.Captured), new OrderPayment("giftcard", 5.00m, PaymentState.Captured))),
            Received(Order("100000452", Day, new OrderPayment("cashondelivery", 30.30m, PaymentState.Captured))),
            Received(Order("100000453", Day, new OrderPayment("checkmo", 30.30m, PaymentState.Authorised))),
            Received(Order("100000454", Day.AddDays(-1), new OrderPayment("checkmo", 30.30m, PaymentState.Captured))),
            new PaymentReported("magento:100000452", new PaymentReport("magento", "100000452", "cod-1", "cashondelivery", 30.30m, Day), At),
            new PaymentReported("magento:100000455", new PaymentReport("magento", "100000455", "cod-2", "cashondelivery", 30.30m, Day.AddDays(1)), At),
            new PaymentPlanned("magento:100000451", Planned(PaymentDirection.Refund, "checkmo", 12.18m, Day), null, At),
            new PaymentPlanned("magento:100000456", Planned(PaymentDirection.Refund, "checkmo", 9.99m, Day.AddDays(1)), null, At),
            new PaymentPlanned("magento:100000451", Planned(PaymentDirection.Incoming, "checkmo", 25.30m, Day), null, At),
        };

        var money = PaymentReconciliation.ChannelSide(events, Mapping, Day);

        Assert.Equal(
        [
            new ChannelMoney("magento:100000451", "checkmo", 25.30m, 0),
            new ChannelMoney("magento:100000451", "giftcard", 5.00m, 0),
            new ChannelMoney("magento:100000452", "cashondelivery", 30.30m, 0),
            new ChannelMoney("magento:100000451", "checkmo", 0, 12.18m),
        ], money);
    }

    [Theory]
    [InlineData("MAGENTO-100000451/P1 payment checkmo (ActorSync)", "MAGENTO-100000451", "checkmo")]
    [InlineData("MAGENTO-100000451/P12 refund store credit (ActorSync)", "MAGENTO-100000451", "store credit")]
    public void An_engine_written_remark_names_the_order_and_the_method(string remarks, string numAtCard, string method)
    {
        Assert.Equal((numAtCard, method), PaymentReconciliation.Parse(remarks));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("Incoming payment 1234")]
    [InlineData("MAGENTO-100000451/P1 payment checkmo")]
    [InlineData("MAGENTO-100000451/Px payment checkmo (ActorSync)")]
    [InlineData("MAGENTO-100000451/P1 deposit checkmo (ActorSync)")]
    public void Any_other_remark_is_not_the_engine_s(string? remarks)
    {
        Assert.Null(PaymentReconciliation.Parse(remarks));
    }

    [Fact]
    public void Each_method_sums_both_sides_by_direction_and_only_orders_that_differ_are_listed()
    {
        var channel = new[]
        {
            new ChannelMoney("magento:100000451", "checkmo", 25.30m, 0),
            new ChannelMoney("magento:100000451", "giftcard", 5.00m, 0),
            new ChannelMoney("magento:100000452", "checkmo", 30.30m, 0),
            new ChannelMoney("magento:100000460", "paypal", 10.00m, 0),
            new ChannelMoney("magento:100000451", "checkmo", 0, 12.18m),
        };
        var sap = new[]
        {
            new SapMoney(501, "MAGENTO-100000451/P1 payment checkmo (ActorSync)", true, 25.30m, Day),
            new SapMoney(502, "MAGENTO-100000452/P1 payment checkmo (ActorSync)", true, 30.29m, Day),
            new SapMoney(503, "MAGENTO-100000451/P3 refund checkmo (ActorSync)", false, 12.18m, Day),
            new SapMoney(504, "MAGENTO-100000457/P1 payment PayPal (ActorSync)", true, 44.10m, Day),
            new SapMoney(505, "MAGENTO-100000458/P1 payment checkmo (ActorSync)", true, 19.99m, Day, Cancelled: true),
            new SapMoney(506, "MAGENTO-100000459/P1 payment checkmo (ActorSync)", true, 19.99m, Day.AddDays(1)),
            new SapMoney(507, "BIGCOMMERCE-118/P1 payment checkmo (ActorSync)", true, 19.99m, Day),
            new SapMoney(508, "Deposit by hand", true, 100m, Day),
        };

        var report = PaymentReconciliation.Compare("magento", Day, channel, sap);

        Assert.Equal(("magento", Day), (report.Channel, report.Day));
        Assert.Equal(
        [
            new ReconciledMethod("checkmo", 55.60m, 55.59m, 12.18m, 12.18m),
            new ReconciledMethod("giftcard", 5.00m, 0m, 0m, 0m),
            new ReconciledMethod("paypal", 10.00m, 44.10m, 0m, 0m),
        ], report.Methods);
        Assert.Equal((0.01m, 0m), (report.Methods[0].CapturedDifference, report.Methods[0].RefundedDifference));
        Assert.Equal(
        [
            new ReconciliationDifference("magento:100000451", "giftcard", 5.00m, 0m, "captured"),
            new ReconciliationDifference("magento:100000452", "checkmo", 30.30m, 30.29m, "captured"),
            new ReconciliationDifference("magento:100000457", "PayPal", 0m, 44.10m, "captured"),
            new ReconciliationDifference("magento:100000460", "paypal", 10.00m, 0m, "captured"),
        ], report.Differences);
    }

    [Fact]
    public void A_refund_sap_does_not_hold_is_a_refunded_difference()
    {
        var report = PaymentReconciliation.Compare("magento", Day, [new ChannelMoney("magento:100000451", "checkmo", 0, 12.18m)], []);

        Assert.Equal([new ReconciliationDifference("magento:100000451", "checkmo", 12.18m, 0m, "refunded")], report.Differences);
        Assert.Equal(12.18m, Assert.Single(report.Methods).RefundedDifference);
    }

    [Fact]
    public void An_order_whose_method_the_channel_and_sap_spell_in_another_case_is_listed_once()
    {
        var report = PaymentReconciliation.Compare("magento", Day,
            [new ChannelMoney("magento:100000461", "CheckMo", 30.30m, 0m)],
            [new SapMoney(601, "MAGENTO-100000461/P1 payment checkmo (ActorSync)", true, 25.30m, Day)]);

        var difference = Assert.Single(report.Differences);
        Assert.Equal(("magento:100000461", 30.30m, 25.30m), (difference.OrderId, difference.Channel, difference.Sap));
    }
}
