using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Posting;

namespace ActorSync.Domain.Tests;

internal static class OrderFixtures
{
    public static ChannelOrder WebOrder(string id = "1001", string sku = "ITM00001", decimal qty = 2, decimal taxRate = 20m, string? shipping = "standard") =>
        new("magento", id, new DateOnly(2026, 11, 23), "GBP",
            new CustomerRef("jane@example.com", null, IsGuest: true),
            [new OrderLine(sku, qty, 10m, qty * 10m * taxRate / 100m, taxRate)],
            ShippingAmount: 5m, ShippingTax: 1m, TotalPaid: qty * 10m * (1 + taxRate / 100m) + 6m, ShippingMethod: shipping);
}

/// <summary>
/// Magento order 7 posted as sales order 10 (3 × 12.49 at 20 %, 7.49 tax; 2 × 8.35 at 5 %, 0.84; shipping 4.16 + 0.83:
/// 67.49), and its jobs answered the way SAP would: the order the edge specs of invoices, credits and evolution share.
/// </summary>
internal static class PostedOrderFixture
{
    public static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento");
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    public static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    public static OrderState Apply(OrderState state, OrderDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    /// <summary>The order with the payments the channel reported at checkout.</summary>
    public static ChannelOrder Order(params OrderPayment[] payments) =>
        new ChannelOrder("magento", "7", new DateOnly(2026, 11, 27), "EUR", new CustomerRef("ann@example.com", null, true),
            [new OrderLine("A", 3, 12.49m, 7.49m, 20m), new OrderLine("B", 2, 8.35m, 0.84m, 5m)], 4.16m, 0.83m, 67.49m, "standard")
        {
            Payments = [.. payments],
        };

    public static OrderState Posted()
    {
        var order = Order() with { Payments = null };
        var state = OrderState.Empty("magento:7");
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", order), Mapping, Now));
        return Apply(state, state.ProcessOutcome(new PostOutcome.Created(10, 110), Policy, Now, 0));
    }

    /// <summary>Answers every job in turn as SAP would, numbering documents from 100.</summary>
    public static OrderState RunJobs(OrderState state)
    {
        var next = 100;
        while (state.NextJob is not null)
            state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(next, next++), Policy, Now, 0));
        return state;
    }
}
