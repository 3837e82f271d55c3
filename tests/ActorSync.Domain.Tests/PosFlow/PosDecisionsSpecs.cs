using System.Collections.Immutable;
using System.Text.Json.Nodes;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Pos;
using ActorSync.Domain.PosFlow;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Tests.Validation;
using static ActorSync.Domain.PosFlow.PosCommands;
using static ActorSync.Domain.PosFlow.PosEvents;

namespace ActorSync.Domain.Tests.PosFlow;

public class PosDecisionsSpecs
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly CustomerRef Walkin = new(null, null, true);

    private static PosRules Rules(bool refunds = true, TimeSpan? originalWait = null) => new(TestCompany.Mapping(),
        new LockRetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)), refunds,
        originalWait ?? TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));

    private static PosTransaction Sale(string id = "90001", params PosPayment[] payments) =>
        new("sitoo", id, PosTransactionKind.Sale, TestCompany.Today, "EUR", Walkin, "1",
            [new PosLine("ITM00001", 2, 20.00m, 4.00m, 20), new PosLine("ITM00002", 1, 10.00m, 2.00m, 20)],
            payments.Length > 0 ? [.. payments] : [new PosPayment("Cash", 16.00m), new PosPayment("Card", 20.00m, "REF-1")], 36.00m);

    private static PosTransaction Return(string id = "90002", string? original = "90001") =>
        new("sitoo", id, PosTransactionKind.Return, TestCompany.Today, "EUR", Walkin, "1",
            [new PosLine("ITM00002", 1, 10.00m, 2.00m, 20)], [new PosPayment("Cash", 12.00m)], 12.00m, OriginalExternalId: original);

    private static PosTransactionState Apply(PosTransactionState state, PosDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static (PosTransactionState State, PosDecision Decision) Submit(PosTransaction tx, PosRules? rules = null, PosTransactionState? state = null)
    {
        state ??= PosTransactionState.Empty(tx.Key.EntityId);
        var decision = state.ProcessCommand(new SubmitPosTransaction(tx.Key.EntityId, tx), rules ?? Rules(), Now);
        return (Apply(state, decision), decision);
    }

    private static PosTransactionState Completed(PosTransactionState state, string key, int docEntry) =>
        Apply(state, state.ProcessOutcome(key, new PostOutcome.Created(docEntry, docEntry), Rules().LockRetry, Now, 0.5));

    [Fact]
    public void A_sale_is_journaled_with_its_plan_before_the_answer_an_invoice_first_then_a_payment_per_account()
    {
        var (state, decision) = Submit(Sale());

        Assert.Equal(CommandResultCode.Accepted, decision.Reply!.Code);
        Assert.IsType<PosTransactionReceived>(decision.Events[0]);
        var planned = Assert.IsType<PosTransactionPlanned>(decision.Events[1]);
        Assert.Equal([(SapEntitySets.Invoices, "SITOO-90001"), (SapFlowEntitySets.IncomingPayments, "SITOO-90001/100000"),
            (SapFlowEntitySets.IncomingPayments, "SITOO-90001/161010")], planned.Jobs.Select(j => (j.EntitySet, j.Key)));
        Assert.Equal("POSGUEST", planned.CardCode);
        Assert.IsType<NextStep.Post>(decision.Next);
        Assert.Equal("SITOO-90001", state.NextJob!.Key);
    }

    [Fact]
    public void The_same_receipt_again_is_a_duplicate_and_other_content_under_its_id_a_conflict()
    {
        var (state, _) = Submit(Sale());

        var again = state.ProcessCommand(new SubmitPosTransaction("sitoo:90001", Sale()), Rules(), Now);
        var changed = state.ProcessCommand(new SubmitPosTransaction("sitoo:90001", Sale(payments: [new PosPayment("Cash", 36.00m)])), Rules(), Now);

        Assert.Equal((CommandResultCode.Duplicate, 0), (again.Reply!.Code, again.Events.Count));
        Assert.Equal((CommandResultCode.Conflict, 0), (changed.Reply!.Code, changed.Events.Count));
    }

    [Fact]
    public void An_unmapped_payment_method_quarantines_the_sale_for_finance_before_anything_posts()
    {
        var (state, decision) = Submit(Sale(payments: [new PosPayment("Klarna", 36.00m)]));

        var quarantined = Assert.IsType<PosTransactionQuarantined>(decision.Events[1]);
        Assert.Equal("unmapped-payment-method", Assert.Single(quarantined.Exceptions).Type);
        Assert.Equal(CommandResultCode.Accepted, decision.Reply!.Code);
        Assert.Contains("parked", decision.Reply.Message);
        Assert.Equal(PosStatus.Quarantined, state.Status);
        Assert.Null(state.CurrentWork());
        Assert.False(state.HasUnfinishedWork);
    }

    [Fact]
    public void Payments_wait_for_the_invoice_and_then_carry_its_doc_entry()
    {
        var (state, _) = Submit(Sale());
        Assert.Equal("SITOO-90001", state.CurrentWork()!.Key);

        var decision = state.ProcessOutcome("SITOO-90001", new PostOutcome.Created(812, 8120), Rules().LockRetry, Now, 0.5);
        state = Apply(state, decision);

        Assert.IsType<NextStep.Post>(decision.Next);
        var work = state.CurrentWork()!;
        Assert.Equal((SapFlowEntitySets.IncomingPayments, "SITOO-90001/100000"), (work.Path, work.Key));
        var body = JsonNode.Parse((string)work.Body!)!;
        Assert.Equal(812, body["PaymentInvoices"]![0]!["DocEntry"]!.GetValue<int>());
        Assert.Equal(16.00m, body["CashSum"]!.GetValue<decimal>());
        Assert.Equal("100000", body["CashAccount"]!.GetValue<string>());
    }

    [Fact]
    public void A_lost_answer_is_looked_up_by_the_documents_key_and_a_found_payment_is_never_posted_again()
    {
        var (state, _) = Submit(Sale());
        state = Completed(state, "SITOO-90001", 812);

        var uncertain = state.ProcessOutcome("SITOO-90001/100000", new PostOutcome.Uncertain("connection reset"), Rules().LockRetry, Now, 0.5);
        var lookUp = state.CurrentWork()!;
        var found = state.ProcessLookup("SITOO-90001/100000", new LookupOutcome.Found(31, 31), Now);
        state = Apply(state, found);

        Assert.IsType<NextStep.LookUp>(uncertain.Next);
        Assert.Empty(uncertain.Events);
        Assert.Equal(("Remarks", SapFlowEntitySets.IncomingPayments), (lookUp.LookUp.Field, lookUp.LookUp.EntitySet));
        Assert.StartsWith("sitoo POS payment 90001: Cash", lookUp.LookUp.Value);
        Assert.True(Assert.IsType<PosJobCompleted>(Assert.Single(found.Events)).FoundByLookup);
        Assert.Equal("SITOO-90001/161010", state.NextJob!.Key);
    }

    [Fact]
    public void An_absent_document_is_posted_and_a_failed_look_up_is_asked_again_later()
    {
        var (state, _) = Submit(Sale());

        Assert.IsType<NextStep.Post>(state.ProcessLookup("SITOO-90001", new LookupOutcome.Absent(), Now).Next);
        var wait = Assert.IsType<NextStep.Wait>(state.ProcessLookup("SITOO-90001", new LookupOutcome.Failed("timeout"), Now).Next);
        Assert.IsType<NextStep.LookUp>(wait.Then);
    }

    [Fact]
    public void Locks_are_waited_out_with_growing_delays_then_parked_as_lock_timeout()
    {
        var (state, _) = Submit(Sale());
        var locked = new PostOutcome.Rejected(RejectionKind.LockConflict, "-2039", "another user");

        var first = state.ProcessOutcome("SITOO-90001", locked, Rules().LockRetry, Now, 0.99);
        state = Apply(state, first);
        var second = state.ProcessOutcome("SITOO-90001", locked, Rules().LockRetry, Now, 0.99);
        state = Apply(state, second);
        var third = state.ProcessOutcome("SITOO-90001", locked, Rules().LockRetry, Now, 0.99);
        state = Apply(state, third);

        Assert.True(Assert.IsType<NextStep.Wait>(second.Next).Delay > Assert.IsType<NextStep.Wait>(first.Next).Delay);
        Assert.Equal("lock-timeout", Assert.IsType<PosJobParked>(Assert.Single(third.Events)).Exception.Type);
        Assert.Null(state.NextJob);
        Assert.False(state.HasUnfinishedWork);
    }

    [Fact]
    public void A_payment_sap_rejects_parks_alone_while_the_other_payment_still_goes()
    {
        var (state, _) = Submit(Sale());
        state = Completed(state, "SITOO-90001", 812);

        var rejected = state.ProcessOutcome("SITOO-90001/100000", new PostOutcome.Rejected(RejectionKind.Validation, "-10", "G/L account is not valid"),
            Rules().LockRetry, Now, 0.5);
        state = Apply(state, rejected);

        Assert.Equal("sap-rejected", Assert.IsType<PosJobParked>(Assert.Single(rejected.Events)).Exception.Type);
        Assert.IsType<NextStep.Post>(rejected.Next);
        Assert.Equal("SITOO-90001/161010", state.NextJob!.Key);
        Assert.True(state.HasParkedWork);
    }

    [Fact]
    public void A_parked_invoice_holds_back_its_payments_until_a_retry_looks_it_up_first()
    {
        var (state, _) = Submit(Sale());
        state = Apply(state, state.ProcessOutcome("SITOO-90001", new PostOutcome.Rejected(RejectionKind.Validation, "-10", "Item ITM00001 is inactive"),
            Rules().LockRetry, Now, 0.5));
        Assert.Null(state.NextJob);

        var retry = state.ProcessCommand(new RetryPosTransaction("sitoo:90001"), Rules(), Now);
        state = Apply(state, retry);

        Assert.Equal(CommandResultCode.Accepted, retry.Reply!.Code);
        Assert.IsType<NextStep.LookUp>(retry.Next);
        Assert.Equal("SITOO-90001", state.NextJob!.Key);
    }

    [Fact]
    public void Every_document_in_sap_makes_the_transaction_posted()
    {
        var (state, _) = Submit(Sale());
        state = Completed(state, "SITOO-90001", 812);
        state = Completed(state, "SITOO-90001/100000", 31);
        var last = state.ProcessOutcome("SITOO-90001/161010", new PostOutcome.Created(32, 32), Rules().LockRetry, Now, 0.5);
        state = Apply(state, last);

        Assert.Equal(PosStatus.Posted, state.Status);
        Assert.IsType<NextStep.Nothing>(last.Next);
        Assert.False(Assert.IsType<PosJobCompleted>(Assert.Single(state.StampProgress(last.Events))).WorkPending);
    }

    [Fact]
    public void Progress_events_say_whether_work_is_still_owed()
    {
        var (_, decision) = Submit(Sale());
        var (_, parked) = Submit(Sale(payments: [new PosPayment("Klarna", 36.00m)]));

        Assert.True(Assert.IsType<PosTransactionPlanned>(PosTransactionState.Empty("sitoo:90001").StampProgress(decision.Events)[1]).WorkPending);
        Assert.False(Assert.IsType<PosTransactionQuarantined>(PosTransactionState.Empty("sitoo:90001").StampProgress(parked.Events)[1]).WorkPending);
    }

    [Fact]
    public void A_return_naming_its_sale_waits_for_that_sales_invoice_then_bases_its_credit_note_on_it()
    {
        var sale = Completed(Submit(Sale()).State, "SITOO-90001", 812);
        var (state, decision) = Submit(Return());

        Assert.IsType<PosOriginalAwaited>(decision.Events[1]);
        Assert.IsType<NextStep.Post>(decision.Next);
        Assert.Equal("sitoo:90001", state.OriginalTransactionId);
        Assert.Null(state.CurrentWork());

        var learned = state.ProcessOriginal(OriginalSale.Of(sale), Rules(), Now);
        state = Apply(state, learned);

        Assert.Equal(812, state.OriginalInvoice);
        var credit = JsonNode.Parse((string)state.CurrentWork()!.Body!)!;
        Assert.Equal(SapEntitySets.CreditNotes, state.NextJob!.EntitySet);
        var row = credit["DocumentLines"]![0]!;
        Assert.Equal((13, 812, 1), (row["BaseType"]!.GetValue<int>(), row["BaseEntry"]!.GetValue<int>(), row["BaseLine"]!.GetValue<int>()));
        Assert.Equal("POSGUEST", credit["CardCode"]!.GetValue<string>());
    }

    [Fact]
    public void A_sale_whose_invoice_is_still_on_its_way_makes_the_return_ask_again_until_it_gives_up_and_stands_alone()
    {
        var pendingSale = Submit(Sale()).State;
        var (state, _) = Submit(Return());
        var patient = Rules(originalWait: TimeSpan.FromMinutes(10));

        var early = state.ProcessOriginal(OriginalSale.Of(pendingSale), patient, Now);
        var late = state.ProcessOriginal(OriginalSale.Of(pendingSale), patient, Now.AddMinutes(11));
        var after = Apply(state, late);

        Assert.Empty(early.Events);
        Assert.IsType<NextStep.Post>(Assert.IsType<NextStep.Wait>(early.Next).Then);
        Assert.IsType<PosTransactionPlanned>(Assert.Single(late.Events));
        Assert.Null(after.OriginalInvoice);
        Assert.Contains(after.Notes, n => n.Contains("stands alone", StringComparison.Ordinal));
        Assert.Null(JsonNode.Parse((string)after.CurrentWork()!.Body!)!["DocumentLines"]![0]!["BaseType"]);
    }

    [Fact]
    public void A_return_whose_sale_is_parked_stands_alone_at_once_but_one_whose_sale_has_not_arrived_waits_for_it()
    {
        var (state, _) = Submit(Return());
        var quarantinedSale = Submit(Sale(payments: [new PosPayment("Klarna", 36.00m)])).State;

        var parked = state.ProcessOriginal(OriginalSale.Of(quarantinedSale), Rules(), Now);
        var notYet = state.ProcessOriginal(OriginalSale.Of(PosTransactionState.Empty("sitoo:90001")), Rules(), Now);

        Assert.IsType<PosTransactionPlanned>(Assert.Single(parked.Events));
        Assert.IsType<NextStep.Post>(parked.Next);
        Assert.Empty(notYet.Events);
        Assert.IsType<NextStep.Wait>(notYet.Next);
    }

    [Fact]
    public void Refund_payments_follow_the_credit_note_unless_the_flow_leaves_them_to_finance()
    {
        var (withRefunds, _) = Submit(Return(original: null));
        var (without, _) = Submit(Return(original: null), Rules(refunds: false));

        Assert.Equal([SapEntitySets.CreditNotes, SapFlowEntitySets.VendorPayments], withRefunds.Jobs.Select(j => j.EntitySet));
        Assert.Equal("SITOO-90002", Assert.Single(withRefunds.Jobs[1].References).FromJob);
        Assert.Equal([SapEntitySets.CreditNotes], without.Jobs.Select(j => j.EntitySet));
        Assert.Contains(without.Notes, n => n.Contains("PostRefundPayments", StringComparison.Ordinal));
    }

    [Fact]
    public void A_retried_quarantine_is_planned_again_with_the_mapping_in_force_now()
    {
        var klarna = Sale(payments: [new PosPayment("Klarna", 36.00m)]);
        var (state, _) = Submit(klarna);
        var fixedMapping = Rules() with
        {
            Mapping = TestCompany.Mapping() with { PaymentAccounts = TestCompany.Mapping().PaymentAccounts.Add("Klarna", new PaymentAccount("161020", PaymentMeans.Transfer)) },
        };

        var still = state.ProcessCommand(new RetryPosTransaction("sitoo:90001"), Rules(), Now);
        var retried = state.ProcessCommand(new RetryPosTransaction("sitoo:90001"), fixedMapping, Now);
        state = Apply(state, retried);

        Assert.Equal(CommandResultCode.Rejected, still.Reply!.Code);
        Assert.IsType<PosTransactionQuarantined>(Assert.Single(still.Events));
        Assert.Equal(CommandResultCode.Accepted, retried.Reply!.Code);
        Assert.IsType<NextStep.Post>(retried.Next);
        Assert.Equal(["SITOO-90001", "SITOO-90001/161020"], state.Jobs.Select(j => j.Key));
    }

    [Fact]
    public void Recovery_asks_the_sale_again_or_looks_the_next_document_up_before_posting_it()
    {
        var (waiting, _) = Submit(Return());
        var (planned, _) = Submit(Sale());
        var (parked, _) = Submit(Sale(payments: [new PosPayment("Klarna", 36.00m)]));

        Assert.IsType<NextStep.Post>(waiting.OnRecovery());
        Assert.IsType<NextStep.LookUp>(planned.OnRecovery());
        Assert.IsType<NextStep.Nothing>(parked.OnRecovery());
    }

    [Fact]
    public void An_answer_for_another_document_than_the_one_in_flight_changes_nothing()
    {
        var (state, _) = Submit(Sale());

        var stray = state.ProcessOutcome("SITOO-90001/100000", new PostOutcome.Created(5, 5), Rules().LockRetry, Now, 0.5);

        Assert.Empty(stray.Events);
        Assert.IsType<NextStep.Nothing>(stray.Next);
    }
}
