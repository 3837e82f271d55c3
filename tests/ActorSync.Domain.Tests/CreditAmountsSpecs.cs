using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;

namespace ActorSync.Domain.Tests;

/// <summary>
/// A credit note's money: what the channel refunded for a line, shared over the invoice rows it credits by quantity,
/// the last row taking what is left, each split into net and tax at its order line's rate, so the credit note adds up
/// to the cent to what the customer got back.
/// </summary>
public class CreditAmountsSpecs
{
    private const string Id = "magento:100000451";
    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento");
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    /// <summary>Three scarves at 20 % on one row, two books at 5 %.</summary>
    private static readonly ChannelOrder Order = new("magento", "100000451", new DateOnly(2026, 11, 26), "EUR", new CustomerRef("ann@example.com", null, true),
        [new OrderLine("ITM00017", 3, 10.15m, 6.09m, 20m), new OrderLine("ITM00021", 2, 19.99m, 2.00m, 5m)], 4.95m, 0.99m, 84.46m, "standard");

    private static OrderState Apply(OrderState state, OrderDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static OrderState RunJobs(OrderState state)
    {
        var next = 500;
        while (state.NextJob is { } job)
            state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(next, next++), Policy, Now, 0));
        return state;
    }

    /// <summary>The order posted, then each dispatch recorded and invoiced in turn.</summary>
    private static OrderState Dispatched(params (string Id, string Sku, decimal Qty)[] dispatches)
    {
        var state = OrderState.Empty(Id);
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder(Id, Order), Mapping, Now));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(410, 1410), Policy, Now, 0));
        foreach (var (id, sku, qty) in dispatches)
            state = RunJobs(Apply(state, state.ProcessCommand(new OrderCommands.RecordDispatch(Id,
                new DispatchConfirmation("magento", "100000451", id, [new DispatchLine(sku, qty)], new DateOnly(2026, 11, 28))), Now)));
        return state;
    }

    private static (OrderState State, RefundRequest Refund) Refunded(OrderState state, params RefundLine[] lines)
    {
        var refund = new RefundRequest("magento", "100000451", "RF-1", lines.ToImmutableList(), 0m, true, new DateOnly(2026, 11, 30));
        state = Apply(state, state.ProcessCommand(new OrderCommands.RecordRefund(Id, refund), Now, Mapping));
        return (state, refund);
    }

    private static ImmutableList<CopyAmounts.RowAmount?> Credit(OrderState state, RefundRequest refund) =>
        CopyAmounts.Credit(state, refund, FulfilmentDecisions.AllocateCredit(state, refund.RefundId)!);

    [Fact]
    public void A_refund_over_three_invoices_shares_its_amount_by_quantity_and_the_last_takes_the_odd_cent()
    {
        var (state, refund) = Refunded(Dispatched(("SH-1", "ITM00017", 1), ("SH-2", "ITM00017", 1), ("SH-3", "ITM00017", 1)), new RefundLine("ITM00017", 3, 10.00m));

        var rows = Credit(state, refund);

        Assert.Equal([new CopyAmounts.RowAmount(2.78m, 0.55m), new CopyAmounts.RowAmount(2.78m, 0.55m), new CopyAmounts.RowAmount(2.78m, 0.56m)], rows);
        Assert.Equal(10.00m, rows.Sum(r => r!.Gross));
    }

    [Fact]
    public void A_refund_over_two_invoices_shares_by_their_quantities()
    {
        var (state, refund) = Refunded(Dispatched(("SH-1", "ITM00017", 2), ("SH-2", "ITM00017", 1)), new RefundLine("ITM00017", 3, 36.53m));

        var rows = Credit(state, refund);

        Assert.Equal([new CopyAmounts.RowAmount(20.29m, 4.06m), new CopyAmounts.RowAmount(10.15m, 2.03m)], rows);
    }

    [Fact]
    public void Each_row_is_split_at_its_own_order_line_s_rate()
    {
        var (state, refund) = Refunded(Dispatched(("SH-1", "ITM00017", 1), ("SH-2", "ITM00021", 2)),
            new RefundLine("ITM00021", 1, 20.99m), new RefundLine("ITM00017", 1, 12.18m));

        var rows = Credit(state, refund);

        Assert.Equal([new CopyAmounts.RowAmount(19.99m, 1.00m), new CopyAmounts.RowAmount(10.15m, 2.03m)], rows);
    }

    [Fact]
    public void A_refund_line_without_an_amount_leaves_its_rows_to_sap_and_the_next_line_still_gets_its_own()
    {
        var (state, refund) = Refunded(Dispatched(("SH-1", "ITM00017", 2), ("SH-2", "ITM00021", 1)),
            new RefundLine("ITM00017", 2, 0m), new RefundLine("ITM00021", 1, 20.99m));

        var rows = Credit(state, refund);

        Assert.Equal([null, new CopyAmounts.RowAmount(19.99m, 1.00m)], rows);
    }

    [Fact]
    public void The_credit_note_carries_the_shared_amounts_on_its_rows()
    {
        var (state, _) = Refunded(Dispatched(("SH-1", "ITM00017", 2), ("SH-2", "ITM00017", 1)), new RefundLine("ITM00017", 3, 36.53m));

        var credit = Assert.IsType<SapCopyDocument>(state.CurrentWork()!.Body);

        Assert.Equal([(20.29m, 4.06m), (10.15m, 2.03m)], credit.DocumentLines.Select(l => (l.LineTotal!.Value, l.TaxTotal!.Value)));
    }
}
