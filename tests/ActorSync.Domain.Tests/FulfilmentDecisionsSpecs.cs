using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Tests;

public class FulfilmentDecisionsSpecs
{
    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    private static OrderState Apply(OrderState state, OrderDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    /// <summary>An order for A x3 (two lines: 2 + 1) and B x2, posted as DocEntry 10.</summary>
    private static OrderState Posted()
    {
        var order = new ChannelOrder("magento", "9", new DateOnly(2026, 11, 23), "EUR", new CustomerRef("a@b.c", null, true),
            [new OrderLine("A", 2, 10m, 4m, 20m), new OrderLine("B", 2, 5m, 2m, 20m), new OrderLine("A", 1, 10m, 2m, 20m)],
            5m, 1m, 54m, "standard"); // 40 net + 8 tax + 5 shipping + 1 shipping tax
        var state = OrderState.Empty("magento:9");
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder("magento:9", order), Mapping, Now));
        return Apply(state, state.ProcessOutcome(new PostOutcome.Created(10, 110), Policy, Now, 0));
    }

    private static OrderCommands.RecordDispatch Dispatch(string id, params (string Sku, decimal Qty)[] lines) =>
        new("magento:9", new DispatchConfirmation("magento", "9", id, lines.Select(l => new DispatchLine(l.Sku, l.Qty)).ToImmutableList(), new DateOnly(2026, 11, 24)));

    private static OrderCommands.RecordRefund Refund(string id, bool toStock, params (string Sku, decimal Qty)[] lines) =>
        new("magento:9", new RefundRequest("magento", "9", id, lines.Select(l => new RefundLine(l.Sku, l.Qty, 0)).ToImmutableList(), 0, toStock, new DateOnly(2026, 11, 25)));

    /// <summary>Answers every job the way SAP would, numbering documents from 100.</summary>
    private static OrderState RunJobs(OrderState state)
    {
        var next = 100;
        while (state.NextJob is { } job)
            state = Apply(state, state.ProcessOutcome(job.Kind is JobKind.CancelOrder or JobKind.CloseOrder ? new PostOutcome.Applied() : new PostOutcome.Created(next, next++), Policy, Now, 0));
        return state;
    }

    [Fact]
    public void A_dispatch_takes_order_lines_in_order_and_queues_a_delivery_then_an_invoice()
    {
        var state = Posted();
        var decision = state.ProcessCommand(Dispatch("S1", ("A", 3)), Now);
        state = Apply(state, decision);

        var recorded = Assert.IsType<DispatchRecorded>(Assert.Single(decision.Events));
        Assert.Equal([new DispatchAllocation(0, "A", 2), new DispatchAllocation(2, "A", 1)], recorded.Allocation);
        Assert.Equal(["delivery:S1", "invoice:S1"], state.Jobs.Select(j => j.Key));
        var delivery = Assert.IsType<SapCopyDocument>(state.CurrentWork()!.Body);
        Assert.Equal([(17, 10, 0, 2m), (17, 10, 2, 1m)], delivery.DocumentLines.Select(l => (l.BaseType, l.BaseEntry, l.BaseLine, l.Quantity)));
        Assert.Equal("DeliveryNotes", state.CurrentWork()!.Path);
    }

    [Fact]
    public void The_invoice_copies_the_delivery_once_it_exists()
    {
        var state = Posted();
        state = Apply(state, state.ProcessCommand(Dispatch("S1", ("B", 2)), Now));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(55, 155), Policy, Now, 0));

        var work = state.CurrentWork()!;
        Assert.Equal("Invoices", work.Path);
        var line = Assert.Single(Assert.IsType<SapCopyDocument>(work.Body).DocumentLines);
        Assert.Equal((15, 55, 0, 2m), (line.BaseType, line.BaseEntry, line.BaseLine, line.Quantity));
        Assert.Equal(OrderStatus.Delivered, state.Status);
    }

    [Fact]
    public void A_refund_credits_the_earliest_invoiced_lines_not_yet_credited()
    {
        var state = Posted();
        state = RunJobs(Apply(state, state.ProcessCommand(Dispatch("S1", ("A", 1)), Now)));
        state = RunJobs(Apply(state, state.ProcessCommand(Dispatch("S2", ("A", 2)), Now)));
        state = Apply(state, state.ProcessCommand(Refund("R1", true, ("A", 2)), Now));

        var credit = Assert.IsType<SapCopyDocument>(state.CurrentWork()!.Body);
        var invoiceS1 = state.Jobs.Single(j => j.Key == "invoice:S1").DocEntry;
        var invoiceS2 = state.Jobs.Single(j => j.Key == "invoice:S2").DocEntry;
        Assert.Equal([(13, invoiceS1!.Value, 0, 1m), (13, invoiceS2!.Value, 0, 1m)], credit.DocumentLines.Select(l => (l.BaseType, l.BaseEntry, l.BaseLine, l.Quantity)));

        state = RunJobs(state);
        state = Apply(state, state.ProcessCommand(Refund("R2", false, ("A", 1)), Now));
        var second = Assert.IsType<SapCopyDocument>(state.CurrentWork()!.Body);
        var line = Assert.Single(second.DocumentLines);
        Assert.Equal((invoiceS2.Value, 1, 1m, "tYES"), (line.BaseEntry, line.BaseLine, line.Quantity, line.WithoutInventoryMovement));
    }

    [Fact]
    public void A_refund_beyond_what_was_dispatched_is_recorded_and_parked_for_finance()
    {
        var state = Posted();
        var decision = state.ProcessCommand(Refund("R1", true, ("B", 1)), Now);
        state = Apply(state, decision);

        var recorded = Assert.IsType<RefundRecorded>(Assert.Single(decision.Events));
        Assert.Equal(OwningTeam.Finance, recorded.ParkedBecause!.Team);
        Assert.Equal(JobStatus.Parked, state.Jobs.Single().Status);
        Assert.Null(state.NextJob);
        Assert.False(state.HasUnfinishedWork);
    }

    [Fact]
    public void A_parked_job_blocks_the_jobs_behind_it_until_it_is_retried()
    {
        var state = Posted();
        state = Apply(state, state.ProcessCommand(Dispatch("S1", ("B", 1)), Now));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Rejected(RejectionKind.Validation, "-4014", "batch missing"), Policy, Now, 0));

        Assert.Equal(JobStatus.Parked, state.Jobs[0].Status);
        Assert.Null(state.NextJob);

        var retry = state.ProcessCommand(new OrderCommands.RetryOrder("magento:9"), Mapping, Now);
        state = Apply(state, retry);
        Assert.IsType<NextStep.LookUp>(retry.Next);
        Assert.Equal("delivery:S1", state.NextJob!.Key);
    }

    [Fact]
    public void Cancelling_before_any_dispatch_cancels_and_after_a_partial_dispatch_closes()
    {
        var fresh = Posted();
        var partly = Apply(fresh, fresh.ProcessCommand(Dispatch("S1", ("A", 1)), Now));

        var cancel = Apply(fresh, fresh.ProcessCommand(new OrderCommands.CancelOrder("magento:9", new OrderCancellation("magento", "9")), Now));
        var close = Apply(partly, partly.ProcessCommand(new OrderCommands.CancelOrder("magento:9", new OrderCancellation("magento", "9")), Now));

        Assert.Equal("Orders(10)/Cancel", cancel.CurrentWork()!.Path);
        Assert.Null(cancel.CurrentWork()!.Body);
        Assert.Equal(JobKind.CloseOrder, close.Jobs.Last().Kind);
        Assert.Equal(OrderStatus.Cancelled, RunJobs(cancel).Status);
    }

    [Fact]
    public void An_action_answered_already_done_counts_as_done()
    {
        var state = Posted();
        state = Apply(state, state.ProcessCommand(new OrderCommands.CancelOrder("magento:9", new OrderCancellation("magento", "9")), Now));

        state = Apply(state, state.ProcessOutcome(new PostOutcome.Rejected(RejectionKind.Validation, "-5002", "Document is already cancelled"), Policy, Now, 0));

        Assert.Equal(OrderStatus.Cancelled, state.Status);
    }

    [Fact]
    public void Progress_events_say_whether_work_is_still_owed_after_them()
    {
        var state = Posted();
        var recorded = state.StampProgress(state.ProcessCommand(Dispatch("S1", ("B", 2)), Now).Events);
        state = recorded.Aggregate(state, (s, e) => s.ProcessEvent(e));
        var delivered = state.StampProgress(state.ProcessOutcome(new PostOutcome.Created(1, 1), Policy, Now, 0).Events);
        state = delivered.Aggregate(state, (s, e) => s.ProcessEvent(e));
        var invoiced = state.StampProgress(state.ProcessOutcome(new PostOutcome.Created(2, 2), Policy, Now, 0).Events);

        Assert.True(((OrderProgressEvent)recorded.Single()).WorkPending);
        Assert.True(((OrderProgressEvent)delivered.Single()).WorkPending);
        Assert.False(((OrderProgressEvent)invoiced.Single()).WorkPending);
    }

    [Fact]
    public void A_document_job_whose_answer_was_lost_is_looked_up_and_found_rather_than_sent_again()
    {
        var state = Posted();
        state = Apply(state, state.ProcessCommand(Dispatch("S1", ("B", 1)), Now));

        var uncertain = state.ProcessOutcome(new PostOutcome.Uncertain("dropped"), Policy, Now, 0);
        var found = state.ProcessLookup(new LookupOutcome.Found(77, 177), Now);
        state = Apply(state, found);

        Assert.IsType<NextStep.LookUp>(uncertain.Next);
        Assert.Equal("MAGENTO-9/DS1", Posted().ProcessCommand(Dispatch("S1", ("B", 1)), Now).Events.Aggregate(Posted(), (s, e) => s.ProcessEvent(e)).CurrentWork()!.LookUp.Value);
        Assert.True(((JobCompleted)found.Events.Single()).FoundByLookup);
        Assert.Equal(77, state.Jobs[0].DocEntry);
    }

    private static OrderCommands.RecordRefund ShippingOnly(string id, decimal gross) =>
        new("magento:9", new RefundRequest("magento", "9", id, [], gross, true, new DateOnly(2026, 11, 25)));

    [Fact]
    public void A_shipping_only_refund_becomes_a_service_credit_note_on_the_mapped_account_taxed_like_the_orders_shipping()
    {
        var state = RunJobs(Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", ("B", 2)), Now)));

        state = Apply(state, state.ProcessCommand(ShippingOnly("R1", 6m), Now, Mapping));

        var work = state.CurrentWork()!;
        var credit = Assert.IsType<SapServiceDocument>(work.Body);
        Assert.Equal(("CreditNotes", "dDocument_Service", "MAGENTO-9/RR1"), (work.Path, credit.DocType, credit.NumAtCard));
        var row = Assert.Single(credit.DocumentLines);
        Assert.Equal(("400000", "O1", 5.00m, 1.00m), (row.AccountCode, row.VatGroup, row.LineTotal, row.TaxTotal));
    }

    [Fact]
    public void A_shipping_only_refund_without_a_mapped_account_parks_for_finance_and_a_retry_after_the_fix_plans_it()
    {
        var state = Posted();
        var decision = state.ProcessCommand(ShippingOnly("R1", 6m), Now, Mapping with { ShippingRefundAccount = null });
        state = Apply(state, decision);

        var parked = Assert.IsType<RefundRecorded>(Assert.Single(decision.Events)).ParkedBecause!;
        Assert.Equal(("unmapped-shipping-refund", OwningTeam.Finance), (parked.Type, parked.Team));
        Assert.Null(state.NextJob);

        var still = state.ProcessCommand(new OrderCommands.RetryOrder("magento:9"), Mapping with { ShippingRefundAccount = null }, Now);
        Assert.Equal(CommandResultCode.Rejected, still.Reply!.Code);
        state = Apply(state, state.ProcessCommand(new OrderCommands.RetryOrder("magento:9"), Mapping, Now));
        Assert.Equal("400000", Assert.Single(Assert.IsType<SapServiceDocument>(state.CurrentWork()!.Body).DocumentLines).AccountCode);
    }

    [Fact]
    public void A_dispatch_of_an_order_still_waiting_for_master_data_is_refused_with_a_reason_not_a_crash()
    {
        var order = new ChannelOrder("magento", "9", new DateOnly(2026, 11, 23), "EUR", new CustomerRef("a@b.c", "101", false),
            [new OrderLine("A", 2, 10m, 4m, 20m)], 0m, 0m, 24m, "standard");
        var state = OrderState.Empty("magento:9");
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder("magento:9", order), Mapping, Now)); // a registered customer waits for master data
        Assert.Equal(OrderStatus.Received, state.Status);

        var reply = state.ProcessCommand(Dispatch("S1", ("A", 1)), Now).Reply!;

        Assert.Equal(CommandResultCode.Rejected, reply.Code);
        Assert.Contains("send it again", reply.Message);
    }
}
