using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Tests;

/// <summary>
/// The guards and the arithmetic of dispatches, refunds and cancellations: what is refused and why (in words an
/// operator reads), which order and invoice lines each quantity takes, and the documents that come of them.
/// </summary>
public class FulfilmentCommandSpecs
{
    private const string Id = "magento:100000451";
    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento");
    private static readonly DateTimeOffset Now = new(2026, 11, 27, 9, 30, 0, TimeSpan.Zero);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    /// <summary>A scarf on two rows (2 + 1, 20 % VAT) and two books at 5 %, 4.95 shipping with 0.99 tax; 84.46 paid.</summary>
    private static ChannelOrder AnOrder(decimal shipping = 4.95m, decimal shippingTax = 0.99m) =>
        new("magento", "100000451", new DateOnly(2026, 11, 26), "EUR", new CustomerRef("ann@example.com", null, true),
            [new OrderLine("ITM00017", 2, 10.15m, 4.06m, 20m), new OrderLine("ITM00021", 2, 19.99m, 2.00m, 5m), new OrderLine("ITM00017", 1, 10.15m, 2.03m, 20m)],
            shipping, shippingTax, 70.43m + 8.09m + shipping + shippingTax, "standard");

    private static OrderState Apply(OrderState state, OrderDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static OrderState Posted(ChannelOrder? order = null, OrderMapping? mapping = null)
    {
        var state = OrderState.Empty(Id);
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder(Id, order ?? AnOrder()), mapping ?? Mapping, Now));
        return Apply(state, state.ProcessOutcome(new PostOutcome.Created(410, 1410), Policy, Now, 0));
    }

    private static OrderCommands.RecordDispatch Dispatch(string id, params (string Sku, decimal Qty)[] lines) =>
        new(Id, new DispatchConfirmation("magento", "100000451", id, lines.Select(l => new DispatchLine(l.Sku, l.Qty)).ToImmutableList(), new DateOnly(2026, 11, 28)));

    private static OrderCommands.RecordRefund Refund(string id, decimal shipping, params (string Sku, decimal Qty)[] lines) =>
        new(Id, new RefundRequest("magento", "100000451", id, lines.Select(l => new RefundLine(l.Sku, l.Qty, Math.Round(l.Qty * 12.18m, 2))).ToImmutableList(),
            shipping, true, new DateOnly(2026, 11, 30)));

    private static OrderCommands.CancelOrder Cancel() => new(Id, new OrderCancellation("magento", "100000451", "out of stock"));

    private static OrderState RunJobs(OrderState state)
    {
        var next = 500;
        while (state.NextJob is { } job)
            state = Apply(state, state.ProcessOutcome(job.Kind is JobKind.CancelOrder or JobKind.CloseOrder ? new PostOutcome.Applied() : new PostOutcome.Created(next, next++), Policy, Now, 0));
        return state;
    }

    private static OrderState Dispatched(OrderState state, string id, params (string Sku, decimal Qty)[] lines) =>
        RunJobs(Apply(state, state.ProcessCommand(Dispatch(id, lines), Now)));

    [Fact]
    public void Nothing_can_be_recorded_for_an_order_the_engine_never_received()
    {
        var empty = OrderState.Empty(Id);

        Assert.Equal((CommandResultCode.NotFound, "No order magento:100000451: a dispatch cannot be recorded before its order."),
            (empty.ProcessCommand(Dispatch("SH-1", ("ITM00017", 1)), Now).Reply!.Code, empty.ProcessCommand(Dispatch("SH-1", ("ITM00017", 1)), Now).Reply!.Message));
        Assert.Equal("No order magento:100000451: a refund cannot be recorded before its order.", empty.ProcessCommand(Refund("RF-1", 0, ("ITM00017", 1)), Now).Reply!.Message);
        Assert.Equal((CommandResultCode.NotFound, "No order magento:100000451."), (empty.ProcessCommand(Cancel(), Now).Reply!.Code, empty.ProcessCommand(Cancel(), Now).Reply!.Message));
    }

    [Fact]
    public void A_dispatch_sent_again_with_its_lines_in_another_order_is_a_duplicate_and_with_other_lines_a_conflict()
    {
        var state = Apply(Posted(), Posted().ProcessCommand(Dispatch("SH-1", ("ITM00017", 1), ("ITM00021", 2)), Now));

        var again = state.ProcessCommand(Dispatch("SH-1", ("ITM00021", 2), ("ITM00017", 1)), Now);
        var changed = state.ProcessCommand(Dispatch("SH-1", ("ITM00017", 2), ("ITM00021", 1)), Now);

        Assert.Equal((CommandResultCode.Duplicate, "Dispatch SH-1 was already recorded; nothing to do."), (again.Reply!.Code, again.Reply.Message));
        Assert.Empty(again.Events);
        Assert.Equal((CommandResultCode.Conflict, "Dispatch SH-1 was already recorded with other lines; the change was not applied."), (changed.Reply!.Code, changed.Reply.Message));
        Assert.Empty(changed.Events);
    }

    [Fact]
    public void A_dispatch_of_an_order_whose_cancellation_is_on_its_way_to_sap_is_refused()
    {
        var state = Apply(Posted(), Posted().ProcessCommand(Cancel(), Now));
        Assert.NotEqual(OrderStatus.Cancelled, state.Status);

        var reply = state.ProcessCommand(Dispatch("SH-1", ("ITM00017", 1)), Now).Reply!;
        var cancelAgain = state.ProcessCommand(Cancel(), Now).Reply!;

        Assert.Equal((CommandResultCode.Rejected, "Order magento:100000451 was cancelled; dispatch SH-1 was not recorded."), (reply.Code, reply.Message));
        Assert.Equal((CommandResultCode.Duplicate, "Order magento:100000451 was already cancelled; nothing to do."), (cancelAgain.Code, cancelAgain.Message));
    }

    [Fact]
    public void A_dispatch_of_a_parked_order_or_of_nothing_is_refused_with_the_reason()
    {
        var parked = OrderState.Empty(Id);
        var unmappedRate = AnOrder() with { Lines = [new OrderLine("ITM00017", 2, 10.15m, 3.86m, 19m)] };
        parked = Apply(parked, parked.ProcessCommand(new OrderCommands.SubmitOrder(Id, unmappedRate), Mapping, Now));
        Assert.Equal(OrderStatus.Quarantined, parked.Status);

        var toParked = parked.ProcessCommand(Dispatch("SH-1", ("ITM00017", 1)), Now).Reply!;
        var empty = Posted().ProcessCommand(Dispatch("SH-1"), Now).Reply!;

        Assert.Equal((CommandResultCode.Rejected, "Order magento:100000451 is parked in the exception queue; fix and retry it before recording dispatches."), (toParked.Code, toParked.Message));
        Assert.Equal((CommandResultCode.Rejected, "Dispatch SH-1 has no lines."), (empty.Code, empty.Message));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_dispatch_line_of_no_quantity_is_refused_and_names_the_sku(int quantity)
    {
        var decision = Posted().ProcessCommand(Dispatch("SH-1", ("ITM00021", 1), ("ITM00017", quantity)), Now);

        Assert.Equal((CommandResultCode.Rejected, $"Dispatch SH-1, SKU ITM00017: quantity {quantity} is not positive."), (decision.Reply!.Code, decision.Reply.Message));
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void A_dispatch_fills_an_order_line_before_the_next_one_of_the_same_sku_and_takes_no_empty_shares()
    {
        var decision = Posted().ProcessCommand(Dispatch("SH-1", ("ITM00017", 2), ("ITM00017", 1), ("ITM00021", 1.5m)), Now);

        var recorded = Assert.IsType<DispatchRecorded>(decision.Events[0]);
        Assert.Equal([new DispatchAllocation(0, "ITM00017", 2), new DispatchAllocation(2, "ITM00017", 1), new DispatchAllocation(1, "ITM00021", 1.5m)], recorded.Allocation);
        Assert.Equal((CommandResultCode.Accepted, "Dispatch recorded."), (decision.Reply!.Code, decision.Reply.Message));
        Assert.IsType<NextStep.Post>(decision.Next);
    }

    [Fact]
    public void Later_dispatches_take_what_earlier_ones_left_of_each_order_line()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00017", 1));
        state = Dispatched(state, "SH-2", ("ITM00017", 1));

        var third = Assert.IsType<DispatchRecorded>(state.ProcessCommand(Dispatch("SH-3", ("ITM00017", 1)), Now).Events[0]);

        Assert.Equal([new DispatchAllocation(2, "ITM00017", 1)], third.Allocation);
    }

    [Fact]
    public void A_dispatch_of_more_than_was_ordered_or_of_a_sku_not_ordered_is_refused_with_what_was_ordered()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00017", 2));

        var more = state.ProcessCommand(Dispatch("SH-2", ("ITM00017", 1.5m)), Now);
        var foreign = state.ProcessCommand(Dispatch("SH-2", ("ITM00099", 1)), Now);
        var exact = state.ProcessCommand(Dispatch("SH-2", ("ITM00017", 1)), Now);

        Assert.Equal((CommandResultCode.Rejected, "Dispatch SH-2: SKU ITM00017 would ship more than the 3 ordered."), (more.Reply!.Code, more.Reply.Message));
        Assert.Empty(more.Events);
        Assert.Equal((CommandResultCode.Rejected, "Dispatch SH-2: SKU ITM00099 is not on order magento:100000451."), (foreign.Reply!.Code, foreign.Reply.Message));
        Assert.Equal(CommandResultCode.Accepted, exact.Reply!.Code);
    }

    [Fact]
    public void The_delivery_and_the_invoice_carry_the_dispatch_date_its_tracking_and_their_own_references()
    {
        var state = Posted();
        var tracked = Dispatch("SH-1", ("ITM00021", 2)) is var d ? d with { Dispatch = d.Dispatch with { Carrier = "DHL", TrackingNumber = "00340434161094042557" } } : d;
        state = Apply(state, state.ProcessCommand(tracked, Now));

        var delivery = Assert.IsType<SapCopyDocument>(state.CurrentWork()!.Body);
        Assert.Equal(("MAGENTO-100000451/DSH-1", "2026-11-28", "Dispatch SH-1, DHL 00340434161094042557"), (delivery.NumAtCard, delivery.DocDate, delivery.Comments));

        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(610, 1610), Policy, Now, 0));
        var work = state.CurrentWork()!;
        var invoice = Assert.IsType<SapCopyDocument>(work.Body);
        Assert.Equal(("invoice:SH-1", "MAGENTO-100000451/ISH-1", "2026-11-28"), (work.Key, invoice.NumAtCard, invoice.DocDate));
        Assert.Equal(new LookUpKey("Invoices", "NumAtCard", "MAGENTO-100000451/ISH-1"), work.LookUp);

        var untracked = Apply(Posted(), Posted().ProcessCommand(Dispatch("SH-2", ("ITM00021", 1)), Now));
        Assert.Equal("Dispatch SH-2", Assert.IsType<SapCopyDocument>(untracked.CurrentWork()!.Body).Comments);
    }

    [Fact]
    public void A_refund_sent_again_is_a_duplicate_but_with_another_shipping_amount_or_other_lines_a_conflict()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00017", 3), ("ITM00021", 2));
        state = Apply(state, state.ProcessCommand(Refund("RF-1", 4.95m, ("ITM00017", 1), ("ITM00021", 2)), Now, Mapping));

        var again = state.ProcessCommand(Refund("RF-1", 4.95m, ("ITM00021", 2), ("ITM00017", 1)), Now, Mapping).Reply!;
        var otherShipping = state.ProcessCommand(Refund("RF-1", 0m, ("ITM00017", 1), ("ITM00021", 2)), Now, Mapping).Reply!;
        var otherLines = state.ProcessCommand(Refund("RF-1", 4.95m, ("ITM00017", 2), ("ITM00021", 2)), Now, Mapping).Reply!;

        Assert.Equal((CommandResultCode.Duplicate, "Refund RF-1 was already recorded; nothing to do."), (again.Code, again.Message));
        Assert.Equal((CommandResultCode.Conflict, "Refund RF-1 was already recorded with other lines; the change was not applied."), (otherShipping.Code, otherShipping.Message));
        Assert.Equal(CommandResultCode.Conflict, otherLines.Code);
    }

    [Fact]
    public void A_refund_of_nothing_or_of_a_line_without_quantity_is_refused()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00017", 3));

        var nothing = state.ProcessCommand(Refund("RF-1", 0m), Now, Mapping).Reply!;
        var zero = state.ProcessCommand(Refund("RF-1", 0m, ("ITM00017", 0)), Now, Mapping).Reply!;

        Assert.Equal((CommandResultCode.Rejected, "Refund RF-1 refunds nothing."), (nothing.Code, nothing.Message));
        Assert.Equal((CommandResultCode.Rejected, "Refund RF-1, SKU ITM00017: quantity 0 is not positive."), (zero.Code, zero.Message));
    }

    [Fact]
    public void A_refund_is_measured_against_what_was_dispatched_less_what_was_already_refunded()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00017", 2));
        state = RunJobs(Apply(state, state.ProcessCommand(Refund("RF-1", 0m, ("ITM00017", 1)), Now, Mapping)));

        var fits = state.ProcessCommand(Refund("RF-2", 0m, ("ITM00017", 1)), Now, Mapping);
        var beyond = state.ProcessCommand(Refund("RF-2", 0m, ("ITM00017", 1), ("ITM00017", 1)), Now, Mapping);

        Assert.Equal((CommandResultCode.Accepted, "Refund recorded."), (fits.Reply!.Code, fits.Reply.Message));
        Assert.IsType<NextStep.Post>(fits.Next);
        Assert.Null(Assert.IsType<RefundRecorded>(fits.Events[0]).ParkedBecause);
        Assert.Equal(CommandResultCode.Accepted, beyond.Reply!.Code);
        Assert.Equal("Refund recorded and parked: Refund RF-2 gives back 2 x ITM00017 but only 1 was dispatched and not yet refunded, so SAP has no invoice to credit.",
            beyond.Reply.Message);
        Assert.Same(NextStep.None, beyond.Next);
    }

    [Fact]
    public void A_refund_beyond_what_was_dispatched_names_the_first_sku_that_does_not_fit()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00017", 1));

        var decision = state.ProcessCommand(Refund("RF-1", 0m, ("ITM00017", 2), ("ITM00021", 1)), Now, Mapping);

        Assert.Contains("gives back 2 x ITM00017 but only 1 was dispatched", Assert.IsType<RefundRecorded>(decision.Events[0]).ParkedBecause!.Reason);
    }

    [Fact]
    public void Each_refund_credits_invoice_lines_no_earlier_refund_took()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00017", 3));
        state = RunJobs(Apply(state, state.ProcessCommand(Refund("RF-1", 0m, ("ITM00017", 1)), Now, Mapping)));
        state = RunJobs(Apply(state, state.ProcessCommand(Refund("RF-2", 0m, ("ITM00017", 1)), Now, Mapping)));
        state = Apply(state, state.ProcessCommand(Refund("RF-3", 0m, ("ITM00017", 1)), Now, Mapping));

        var credit = Assert.IsType<SapCopyDocument>(state.CurrentWork()!.Body);

        Assert.Equal([(1, 1m)], credit.DocumentLines.Select(l => (l.BaseLine, l.Quantity)));
    }

    [Fact]
    public void One_refund_with_two_rows_of_a_sku_fills_the_first_invoice_line_before_the_next()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00017", 3));
        state = Apply(state, state.ProcessCommand(Refund("RF-1", 0m, ("ITM00017", 2), ("ITM00017", 1)), Now, Mapping));

        var allocation = FulfilmentDecisions.AllocateCredit(state, "RF-1")!;

        Assert.Equal([new CreditAllocation("SH-1", 0, "ITM00017", 2), new CreditAllocation("SH-1", 1, "ITM00017", 1)], allocation);
    }

    [Fact]
    public void A_refund_of_goods_dispatched_but_not_invoiced_yet_has_nothing_to_credit()
    {
        var state = Apply(Posted(), Posted().ProcessCommand(Dispatch("SH-1", ("ITM00017", 1)), Now));
        state = Apply(state, state.ProcessCommand(Refund("RF-1", 0m, ("ITM00017", 1)), Now, Mapping));

        Assert.Null(FulfilmentDecisions.AllocateCredit(state, "RF-1"));
    }

    [Fact]
    public void A_credit_note_carries_its_reference_date_and_the_refunded_shipping_split_at_the_orders_shipping_rate_on_the_mapped_expense()
    {
        var mapping = Mapping with { FreightExpenseCode = 3 };
        var state = Dispatched(Posted(mapping: mapping), "SH-1", ("ITM00017", 1));
        state = Apply(state, state.ProcessCommand(Refund("RF-1", 4.95m, ("ITM00017", 1)), Now, mapping));

        var work = state.CurrentWork()!;
        var credit = Assert.IsType<SapCopyDocument>(work.Body);

        Assert.Equal(("MAGENTO-100000451/RRF-1", "2026-11-30", "Refund RF-1 of magento:100000451"), (credit.NumAtCard, credit.DocDate, credit.Comments));
        Assert.Equal(new SapAdditionalExpense(3, 4.13m, "O1", 0.82m), Assert.Single(credit.DocumentAdditionalExpenses!));

        var linesOnly = Dispatched(Posted(mapping: mapping), "SH-1", ("ITM00017", 1));
        linesOnly = Apply(linesOnly, linesOnly.ProcessCommand(Refund("RF-1", 0m, ("ITM00017", 1)), Now, mapping));
        Assert.Null(Assert.IsType<SapCopyDocument>(linesOnly.CurrentWork()!.Body).DocumentAdditionalExpenses);
    }

    [Fact]
    public void A_shipping_only_refund_is_a_service_row_with_its_own_reference_date_and_words()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00021", 2));
        state = Apply(state, state.ProcessCommand(Refund("RF-1", 4.95m), Now, Mapping));

        var credit = Assert.IsType<SapServiceDocument>(state.CurrentWork()!.Body);

        Assert.Equal(("MAGENTO-100000451/RRF-1", "2026-11-30", "Refund RF-1 of magento:100000451 (shipping only)"), (credit.NumAtCard, credit.DocDate, credit.Comments));
        Assert.Equal(new SapServiceLine("Shipping refund RF-1 of magento:100000451", "400000", 4.13m, "O1", 0.82m), Assert.Single(credit.DocumentLines));
    }

    [Fact]
    public void A_goodwill_shipping_refund_on_an_order_shipped_free_is_credited_untaxed()
    {
        var state = Dispatched(Posted(AnOrder(shipping: 0m, shippingTax: 0m)), "SH-1", ("ITM00021", 2));

        var decision = state.ProcessCommand(Refund("RF-1", 3.50m), Now, Mapping);
        state = Apply(state, decision);

        Assert.Equal("Refund recorded.", decision.Reply!.Message);
        Assert.Equal(new SapServiceLine("Shipping refund RF-1 of magento:100000451", "400000", 3.50m, "O0", 0m),
            Assert.Single(Assert.IsType<SapServiceDocument>(state.CurrentWork()!.Body).DocumentLines));
    }

    [Fact]
    public void A_shipping_only_refund_at_a_rate_without_a_vat_group_parks_for_finance_naming_the_rate()
    {
        var noFreeRate = Mapping with { VatGroupsByRate = Mapping.VatGroupsByRate.Remove(0m) };
        var state = Dispatched(Posted(AnOrder(shipping: 0m, shippingTax: 0m)), "SH-1", ("ITM00021", 2));

        var decision = state.ProcessCommand(Refund("RF-1", 3.50m), Now, noFreeRate);

        var parked = Assert.IsType<RefundRecorded>(decision.Events[0]).ParkedBecause!;
        Assert.Equal("Shipping refund RF-1 of magento:100000451: tax rate 0 % has no Mapping:VatGroups:0.", parked.Reason);
        Assert.Same(NextStep.None, decision.Next);
    }

    [Fact]
    public void A_shipping_only_refund_without_an_account_names_the_setting_and_a_retry_without_it_still_says_why()
    {
        var noAccount = Mapping with { ShippingRefundAccount = null };
        var state = Dispatched(Posted(), "SH-1", ("ITM00021", 2));
        var decision = state.ProcessCommand(Refund("RF-1", 4.95m), Now, noAccount);
        state = Apply(state, decision);

        var reason = Assert.IsType<RefundRecorded>(decision.Events[0]).ParkedBecause!.Reason;
        Assert.Equal("Shipping refund RF-1 of magento:100000451: Mapping:Returns:ShippingRefundAccount is not set, so SAP has no account to credit it to.", reason);
        var job = state.Jobs.Single(j => j.Kind == JobKind.CreditNote);
        var still = state.ReleaseJob(job, noAccount, Now);
        Assert.Equal((CommandResultCode.Rejected, $"Still failing: {reason}"), (still.Reply!.Code, still.Reply.Message));

        var released = state.ReleaseJob(job, Mapping, Now);
        Assert.Equal($"Released {job.Key} for another attempt.", released.Reply!.Message);
        Assert.IsType<NextStep.LookUp>(released.Next);
    }

    [Fact]
    public void A_parked_cancellation_released_is_sent_again_at_once_and_a_parked_document_is_looked_up_first()
    {
        var cancelling = Apply(Posted(), Posted().ProcessCommand(Cancel(), Now));
        cancelling = Apply(cancelling, cancelling.ProcessOutcome(new PostOutcome.Rejected(RejectionKind.Validation, "-1029", "Document is locked by an approval"), Policy, Now, 0));
        var cancelJob = cancelling.Jobs.Single(j => j.Kind == JobKind.CancelOrder);
        Assert.Equal(JobStatus.Parked, cancelJob.Status);

        var delivering = Apply(Posted(), Posted().ProcessCommand(Dispatch("SH-1", ("ITM00021", 1)), Now));
        delivering = Apply(delivering, delivering.ProcessOutcome(new PostOutcome.Rejected(RejectionKind.Validation, "-4014", "batch missing"), Policy, Now, 0));

        Assert.IsType<NextStep.Post>(cancelling.ReleaseJob(cancelJob, Mapping, Now).Next);
        Assert.IsType<NextStep.LookUp>(delivering.ReleaseJob(delivering.Jobs[0], Mapping, Now).Next);
    }

    [Fact]
    public void An_order_dispatched_in_full_cannot_be_cancelled_but_one_dispatched_in_part_is_closed()
    {
        var full = Dispatched(Posted(), "SH-1", ("ITM00017", 3), ("ITM00021", 2));
        var partly = Apply(Posted(), Posted().ProcessCommand(Dispatch("SH-1", ("ITM00021", 2)), Now));

        var refused = full.ProcessCommand(Cancel(), Now).Reply!;
        var closing = partly.ProcessCommand(Cancel(), Now);

        Assert.Equal((CommandResultCode.Rejected, "Order magento:100000451 was dispatched in full; refund it instead of cancelling."), (refused.Code, refused.Message));
        Assert.Equal((CommandResultCode.Accepted, "Cancellation recorded."), (closing.Reply!.Code, closing.Reply.Message));
        Assert.Equal(JobKind.CloseOrder, Assert.IsType<CancellationRecorded>(Assert.Single(closing.Events)).Job);
    }

    [Fact]
    public void A_credit_note_completed_journals_the_invoice_lines_it_credited()
    {
        var state = Dispatched(Posted(), "SH-1", ("ITM00017", 3));
        state = Apply(state, state.ProcessCommand(Refund("RF-1", 0m, ("ITM00017", 2), ("ITM00017", 1)), Now, Mapping));

        var completed = Assert.IsType<JobCompleted>(state.ProcessOutcome(new PostOutcome.Created(720, 1720), Policy, Now, 0).Events[0]);

        Assert.Equal([new CreditAllocation("SH-1", 0, "ITM00017", 2), new CreditAllocation("SH-1", 1, "ITM00017", 1)], completed.Credited);
    }
}
