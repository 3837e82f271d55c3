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

/// <summary>
/// What a till receipt's entity answers the till and the operator, and what a return learns of its sale, in the words
/// that end up in its notes and the exception queue.
/// </summary>
public class PosReplySpecs
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 12, 0, 0, TimeSpan.Zero);
    private static readonly CustomerRef Walkin = new(null, null, true);

    private static readonly PosRules Rules = new(TestCompany.Mapping(),
        new LockRetryPolicy(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5)), true, TimeSpan.FromMinutes(10), TimeSpan.FromSeconds(5));

    /// <summary>Two scarves and a book at 20 %, paid 16.38 cash and 20.00 by card.</summary>
    private static PosTransaction Sale(string id = "90001", params PosPayment[] payments) =>
        new("sitoo", id, PosTransactionKind.Sale, TestCompany.Today, "EUR", Walkin, "1",
            [new PosLine("ITM00001", 2, 20.32m, 4.06m, 20), new PosLine("ITM00002", 1, 10.00m, 2.00m, 20)],
            payments.Length > 0 ? [.. payments] : [new PosPayment("Cash", 16.38m), new PosPayment("Card", 20.00m, "REF-1")], 36.38m);

    private static PosTransaction Return(string id = "90002", string? original = "90001") =>
        new("sitoo", id, PosTransactionKind.Return, TestCompany.Today, "EUR", Walkin, "1",
            [new PosLine("ITM00002", 1, 10.00m, 2.00m, 20)], [new PosPayment("Cash", 12.00m)], 12.00m, OriginalExternalId: original);

    private static PosTransactionState Apply(PosTransactionState state, PosDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static (PosTransactionState State, PosDecision Decision) Submit(PosTransaction tx, PosTransactionState? state = null)
    {
        state ??= PosTransactionState.Empty(tx.Key.EntityId);
        var decision = state.ProcessCommand(new SubmitPosTransaction(tx.Key.EntityId, tx), Rules, Now);
        return (Apply(state, decision), decision);
    }

    private static (CommandResultCode, string) Reply(PosDecision decision) => (decision.Reply!.Code, decision.Reply.Message);

    [Fact]
    public void The_till_is_told_whether_the_receipt_was_accepted_waits_for_its_sale_or_was_seen_before()
    {
        var (sale, accepted) = Submit(Sale());

        Assert.Equal((CommandResultCode.Accepted, "Accepted."), Reply(accepted));
        Assert.Equal((CommandResultCode.Accepted, "Accepted; its credit note waits for the invoice of sale sitoo:90001."), Reply(Submit(Return()).Decision));
        Assert.Equal((CommandResultCode.Duplicate, "POS transaction sitoo:90001 was already accepted; nothing to do."), Reply(Submit(Sale(), sale).Decision));
        Assert.Equal((CommandResultCode.Conflict, "POS transaction sitoo:90001 was already accepted with different content; the change was not applied."),
            Reply(Submit(Sale(payments: [new PosPayment("Cash", 36.38m)]), sale).Decision));
        Assert.Equal((CommandResultCode.Rejected, "Transaction id sitoo:90009 does not match the receipt's channel and id (sitoo:90001)."),
            Reply(PosTransactionState.Empty("sitoo:90009").ProcessCommand(new SubmitPosTransaction("sitoo:90009", Sale()), Rules, Now)));
    }

    [Fact]
    public void A_retry_says_what_it_released_and_why_there_is_nothing_to_retry()
    {
        var (sale, _) = Submit(Sale());
        var parked = Apply(sale, sale.ProcessOutcome("SITOO-90001", new PostOutcome.Rejected(RejectionKind.Validation, "-10", "Invalid VAT group"), Rules.LockRetry, Now, 0.5));

        Assert.Equal((CommandResultCode.Accepted, "Released SITOO-90001 for another attempt."), Reply(parked.ProcessCommand(new RetryPosTransaction("sitoo:90001"), Rules, Now)));
        Assert.Equal((CommandResultCode.Rejected, "POS transaction sitoo:90001 is Planned with nothing parked."), Reply(sale.ProcessCommand(new RetryPosTransaction("sitoo:90001"), Rules, Now)));
        Assert.Equal((CommandResultCode.NotFound, "No POS transaction sitoo:90005."),
            Reply(PosTransactionState.Empty("sitoo:90005").ProcessCommand(new RetryPosTransaction("sitoo:90005"), Rules, Now)));
    }

    [Fact]
    public void A_retried_quarantine_says_whether_it_still_fails_or_was_released()
    {
        var (klarna, _) = Submit(Sale(payments: [new PosPayment("Klarna", 36.38m)]));
        var fixedRules = Rules with { Mapping = TestCompany.Mapping() with { PaymentAccounts = TestCompany.Mapping().PaymentAccounts.Add("Klarna", new PaymentAccount("161020", PaymentMeans.Transfer)) } };

        var (code, message) = Reply(klarna.ProcessCommand(new RetryPosTransaction("sitoo:90001"), Rules, Now));
        Assert.Equal(CommandResultCode.Rejected, code);
        Assert.StartsWith("Still failing: ", message, StringComparison.Ordinal);
        Assert.Contains("Klarna", message, StringComparison.Ordinal);
        Assert.Equal((CommandResultCode.Accepted, "Released for another attempt."), Reply(klarna.ProcessCommand(new RetryPosTransaction("sitoo:90001"), fixedRules, Now)));
    }

    [Fact]
    public void A_return_whose_sale_never_came_waits_until_its_limit_and_then_stands_alone_saying_why()
    {
        var (waiting, _) = Submit(Return());
        var pending = new OriginalSale.Pending("the engine has not received sale sitoo:90001");

        Assert.IsType<NextStep.Wait>(waiting.ProcessOriginal(pending, Rules, Now.AddMinutes(10).AddTicks(-1)).Next);
        var alone = waiting.ProcessOriginal(pending, Rules, Now.AddMinutes(10));
        var planned = Assert.IsType<PosTransactionPlanned>(Assert.Single(alone.Events));
        Assert.Equal("The credit note stands alone: after 00:10:00 the engine has not received sale sitoo:90001.", planned.Notes[0]);
        Assert.Equal("The credit note stands alone: sale sitoo:90001 is parked in the exception queue.",
            Assert.IsType<PosTransactionPlanned>(Assert.Single(waiting.ProcessOriginal(new OriginalSale.NotInvoiced("sale sitoo:90001 is parked in the exception queue"), Rules, Now).Events)).Notes[0]);
    }

    [Fact]
    public void What_a_sale_offers_its_return_is_named_at_each_stage()
    {
        var never = PosTransactionState.Empty("sitoo:90001");
        var (planned, _) = Submit(Sale());
        var (quarantined, _) = Submit(Sale(payments: [new PosPayment("Klarna", 36.38m)]));
        var invoiced = Apply(planned, planned.ProcessOutcome("SITOO-90001", new PostOutcome.Created(812, 8120), Rules.LockRetry, Now, 0.5));
        var parked = Apply(planned, planned.ProcessOutcome("SITOO-90001", new PostOutcome.Rejected(RejectionKind.Validation, "-10", "no"), Rules.LockRetry, Now, 0.5));

        Assert.Equal(new OriginalSale.Pending("the engine has not received sale sitoo:90001"), OriginalSale.Of(never));
        Assert.Equal(new OriginalSale.NotInvoiced("sale sitoo:90001 is parked in the exception queue"), OriginalSale.Of(quarantined));
        Assert.Equal(new OriginalSale.Pending("the invoice of sale sitoo:90001 is not in SAP yet"), OriginalSale.Of(planned));
        Assert.Equal(new OriginalSale.NotInvoiced("the invoice of sale sitoo:90001 is parked in the exception queue"), OriginalSale.Of(parked));
        var original = Assert.IsType<OriginalSale.Invoiced>(OriginalSale.Of(invoiced)).Invoice;
        Assert.Equal((812, "POSGUEST", 0, 1), (original.DocEntry, original.CardCode, original.LineNums["ITM00001"], original.LineNums["ITM00002"]));
        Assert.NotNull(original.Picks);
    }

    [Fact]
    public void A_receipt_is_parked_while_it_is_quarantined_or_one_of_its_documents_is()
    {
        var (sale, _) = Submit(Sale());
        var (quarantined, _) = Submit(Sale(payments: [new PosPayment("Klarna", 36.38m)]));
        var parked = Apply(sale, sale.ProcessOutcome("SITOO-90001", new PostOutcome.Rejected(RejectionKind.Validation, "-10", "no"), Rules.LockRetry, Now, 0.5));

        Assert.False(sale.HasParkedWork);
        Assert.True(quarantined.HasParkedWork);
        Assert.True(parked.HasParkedWork);
        Assert.Null(quarantined.NextJob);
        Assert.Equal("SITOO-90001", sale.NextJob!.Key);
    }
}
