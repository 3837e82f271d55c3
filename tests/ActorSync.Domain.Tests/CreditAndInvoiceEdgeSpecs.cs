using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Tests.PostedOrderFixture;

namespace ActorSync.Domain.Tests;

/// <summary>
/// Invoices and credit notes at their edges (<see cref="CopyAmounts"/>, <see cref="FulfilmentDecisions"/>): a refund
/// recorded before its invoices exist, a dispatch with one SKU on two lines sent again, an invoice with no down payment.
/// </summary>
public class CreditAndInvoiceEdgeSpecs
{
    // Named here because the namespace ActorSync.Domain.Tests.Mapping hides the imported field.
    private static OrderMapping Mapping => PostedOrderFixture.Mapping;

    private static OrderCommands.RecordDispatch Dispatch(string id, params (string Sku, decimal Qty)[] lines) =>
        new("magento:7", new DispatchConfirmation("magento", "7", id, lines.Select(l => new DispatchLine(l.Sku, l.Qty)).ToImmutableList(), new DateOnly(2026, 11, 28)));

    [Fact]
    public void A_refund_recorded_while_part_of_what_it_credits_is_dispatched_but_not_invoiced_is_allocated_only_once_the_invoice_is_in_SAP()
    {
        var state = RunJobs(Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", ("A", 1)), Now)));
        state = Apply(state, state.ProcessCommand(Dispatch("S2", ("A", 1)), Now)); // its delivery and invoice still owed
        var refund = new RefundRequest("magento", "7", "CM-1", [new RefundLine("A", 2, 29.98m)], 0m, true, new DateOnly(2026, 12, 1));
        state = Apply(state, state.ProcessCommand(new OrderCommands.RecordRefund("magento:7", refund), Now, Mapping));

        Assert.Null(FulfilmentDecisions.AllocateCredit(state, "CM-1"));

        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(200, 200), Policy, Now, 0)); // S2's delivery
        Assert.Null(FulfilmentDecisions.AllocateCredit(state, "CM-1"));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(201, 201), Policy, Now, 0)); // S2's invoice

        Assert.Equal([new CreditAllocation("S1", 0, "A", 1), new CreditAllocation("S2", 0, "A", 1)], FulfilmentDecisions.AllocateCredit(state, "CM-1"));
    }

    [Fact]
    public void A_credit_note_for_an_allocation_that_holds_nothing_has_no_rows_to_price()
    {
        var state = RunJobs(Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", ("A", 1)), Now)));
        var refund = new RefundRequest("magento", "7", "CM-1", [new RefundLine("A", 1, 14.99m)], 0m, true, new DateOnly(2026, 12, 1));

        Assert.Empty(CopyAmounts.Credit(state, refund, []));
    }

    [Fact]
    public void A_dispatch_sent_again_with_one_SKU_on_two_lines_in_another_order_is_a_duplicate_and_with_other_quantities_a_conflict()
    {
        var state = Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", ("A", 1), ("A", 2), ("B", 1)), Now));

        var again = state.ProcessCommand(Dispatch("S1", ("B", 1), ("A", 1), ("A", 2)), Now);
        var same = state.ProcessCommand(Dispatch("S1", ("A", 1), ("A", 2), ("B", 1)), Now);
        var other = state.ProcessCommand(Dispatch("S1", ("A", 2), ("A", 2), ("B", 1)), Now);

        Assert.Equal(CommandResultCode.Duplicate, again.Reply!.Code);
        Assert.Equal(CommandResultCode.Duplicate, same.Reply!.Code);
        Assert.Equal(CommandResultCode.Conflict, other.Reply!.Code);
    }

    [Fact]
    public void An_invoice_of_an_order_without_down_payments_asks_to_draw_none()
    {
        var state = Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", ("A", 1)), Now));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(21, 21), Policy, Now, 0)); // delivery

        var body = Assert.IsType<SapCopyDocument>(state.CurrentWork()!.Body);

        Assert.Equal("MAGENTO-7/IS1", body.NumAtCard);
        Assert.Null(body.DownPaymentsToDraw);
    }

    [Fact]
    public void An_invoice_is_priced_only_for_a_dispatch_of_the_order_and_only_once_the_order_is_in_SAP()
    {
        var state = Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", ("A", 1)), Now));

        Assert.Equal(19.98m, CopyAmounts.Invoice(state, "S1").Total);
        Assert.Contains("has no dispatch S9", Assert.Throws<InvalidOperationException>(() => CopyAmounts.Invoice(state, "S9")).Message);
        Assert.Contains("has no sales order", Assert.Throws<InvalidOperationException>(() => CopyAmounts.Invoice(OrderState.Empty("magento:7"), "S1")).Message);
    }

    [Fact]
    public void A_delivery_SAP_made_sends_its_invoice_at_once_and_the_invoice_that_ends_the_work_sends_nothing_more()
    {
        var state = Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", ("A", 1)), Now));

        var delivered = state.ProcessOutcome(new PostOutcome.Created(21, 21), Policy, Now, 0);
        state = Apply(state, delivered);
        var invoiced = state.ProcessOutcome(new PostOutcome.Created(34, 34), Policy, Now, 0);

        Assert.Equal(NextStep.PostNow, delivered.Next);
        Assert.Equal(NextStep.None, invoiced.Next);
    }

    [Fact]
    public void An_order_cancelled_after_part_of_it_shipped_closes_its_sales_order_in_SAP_once_the_shipped_part_is_invoiced()
    {
        var state = RunJobs(Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", ("A", 1)), Now)));

        state = Apply(state, state.ProcessCommand(new OrderCommands.CancelOrder("magento:7", new OrderCancellation("magento", "7", "customer asked")), Now));
        var work = state.CurrentWork()!;

        Assert.Equal((RequestKind.Action, "Orders(10)/Close"), (work.Kind, work.Path));
        Assert.Equal(new LookUpKey("Orders", "NumAtCard", "MAGENTO-7"), work.LookUp);
    }
}
