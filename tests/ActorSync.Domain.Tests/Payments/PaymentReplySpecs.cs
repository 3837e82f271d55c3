using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Payments.PaymentEvents;

namespace ActorSync.Domain.Tests.Payments;

/// <summary>
/// What a reported payment's sender is told, the words a parked payment carries for finance, and the payment document's
/// date, key and means, on a cash-on-delivery order of fractional amounts at two tax rates.
/// </summary>
public class PaymentReplySpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento") with
    {
        ChannelPaymentAccounts = ImmutableDictionary<string, ImmutableDictionary<string, PaymentAccount>>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase)
            .Add("magento", ImmutableDictionary<string, PaymentAccount>.Empty.WithComparers(StringComparer.OrdinalIgnoreCase)
                .Add("cashondelivery", new PaymentAccount("100000", PaymentMeans.Cash, PaymentCapture.Reported))
                .Add("banktransfer", new PaymentAccount("161020", PaymentMeans.Transfer, PaymentCapture.Reported))),
    };

    /// <summary>3 × 12.49 at 20 % (7.49), 2 × 8.35 at 5 % (0.84), shipping 4.16 + 0.83: 67.49, paid on delivery.</summary>
    private static readonly ChannelOrder Order = new("magento", "7", new DateOnly(2026, 11, 27), "EUR", new CustomerRef("ann@example.com", null, true),
        [new OrderLine("A", 3, 12.49m, 7.49m, 20m), new OrderLine("B", 2, 8.35m, 0.84m, 5m)], 4.16m, 0.83m, 67.49m, "standard")
    {
        Payments = [new OrderPayment("cashondelivery", 67.49m, PaymentState.Pending)],
    };

    private static OrderState Apply(OrderState state, OrderDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static OrderState Posted()
    {
        var state = OrderState.Empty("magento:7");
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", Order), Mapping, Now));
        return Apply(state, state.ProcessOutcome(new PostOutcome.Created(10, 110), Policy, Now, 0));
    }

    private static OrderState Invoiced()
    {
        var state = Posted();
        state = Apply(state, state.ProcessCommand(new OrderCommands.RecordDispatch("magento:7", new DispatchConfirmation("magento", "7", "S1",
            [new DispatchLine("A", 3), new DispatchLine("B", 2)], new DateOnly(2026, 11, 28))), Now, mapping: Mapping));
        var next = 100;
        while (state.NextJob is not null)
            state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(next, next++), Policy, Now, 0));
        return state;
    }

    private static PaymentReport Report(string id, decimal amount, string method = "cashondelivery", string? reference = null) =>
        new("magento", "7", id, method, amount, new DateOnly(2026, 11, 30), reference ?? "DHL-COD-" + id);

    private static OrderDecision Record(OrderState state, PaymentReport report, OrderMapping? mapping = null) =>
        state.ProcessCommand(new PaymentCommands.RecordPayment("magento:7", report), mapping ?? Mapping, Now);

    private static (CommandResultCode, string) Reply(OrderDecision decision) => (decision.Reply!.Code, decision.Reply.Message);

    [Fact]
    public void The_sender_is_told_what_became_of_a_reported_payment()
    {
        var posted = Posted();
        var invoiced = Invoiced();
        var recorded = Apply(invoiced, Record(invoiced, Report("cod-1", 67.49m)));

        Assert.Equal((CommandResultCode.NotFound, "No order magento:7: a payment cannot be recorded before its order."), Reply(Record(OrderState.Empty("magento:7"), Report("cod-1", 67.49m))));
        Assert.Equal((CommandResultCode.Accepted, "Payment recorded; nothing invoiced is open yet, so it is paid into SAP as invoices post."), Reply(Record(posted, Report("cod-1", 67.49m))));
        Assert.Same(NextStep.None, Record(posted, Report("cod-1", 67.49m)).Next);
        var paying = Record(invoiced, Report("cod-1", 67.49m));
        Assert.Equal((CommandResultCode.Accepted, "Payment recorded; 1 incoming payment(s) owed to SAP."), Reply(paying));
        Assert.IsType<NextStep.Post>(paying.Next);
        Assert.Equal((CommandResultCode.Duplicate, "Payment cod-1 was already recorded; nothing to do."), Reply(Record(recorded, Report("cod-1", 67.49m, "CashOnDelivery"))));
        Assert.Equal((CommandResultCode.Conflict, "Payment cod-1 was already recorded with another amount or method; the change was not applied."), Reply(Record(recorded, Report("cod-1", 67.48m))));
        Assert.Equal(CommandResultCode.Conflict, Record(recorded, Report("cod-1", 67.49m, "banktransfer")).Reply!.Code);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void A_payment_of_no_money_is_refused(int amount)
    {
        Assert.Equal((CommandResultCode.Rejected, $"Payment cod-1: amount {amount} is not positive."), Reply(Record(Posted(), Report("cod-1", amount))));
    }

    [Fact]
    public void A_payment_document_is_dated_by_the_invoice_or_the_money_whichever_is_later_and_keyed_by_its_remarks()
    {
        var state = Apply(Invoiced(), Record(Invoiced(), Report("cod-1", 67.49m)));

        var work = state.CurrentWork()!;
        var body = Assert.IsType<SapPayment>(work.Body);

        Assert.Equal((SapFlowEntitySets.IncomingPayments, "2026-11-30", "MAGENTO-7/P1 payment cashondelivery (ActorSync)"), (work.Path, body.DocDate, body.Remarks));
        Assert.Equal(("100000", 67.49m, (decimal?)null, (string?)null), (body.CashAccount, body.CashSum!.Value, body.TransferSum, body.TransferDate));
        Assert.Equal(new LookUpKey(SapFlowEntitySets.IncomingPayments, "Remarks", "MAGENTO-7/P1 payment cashondelivery (ActorSync)"), work.LookUp);
    }

    [Fact]
    public void A_transfer_carries_its_date_and_a_reference_cut_to_27_characters()
    {
        var reference = "SEPA-" + new string('7', 30);
        var state = Apply(Invoiced(), Record(Invoiced(), Report("sepa-1", 67.49m, "banktransfer", reference)));

        var body = Assert.IsType<SapPayment>(state.CurrentWork()!.Body);

        Assert.Equal(("161020", 67.49m, "2026-11-30", reference[..27]), (body.TransferAccount, body.TransferSum!.Value, body.TransferDate, body.TransferReference));
        Assert.Null(body.CashSum);
    }

    [Fact]
    public void A_payment_whose_method_is_unmapped_parks_naming_the_payment_and_a_retry_without_the_mapping_still_says_why()
    {
        var state = Apply(Invoiced(), Record(Invoiced(), Report("kl-1", 67.49m, "klarna")));
        var planned = state.PlannedPayments().Single();
        var job = state.Jobs.Single(j => j.Key == SapJob.PaymentKey(1) || j.Reference == planned.Key);

        var still = state.ReleasePayment(job, Mapping, Now);
        var withKlarna = Mapping with { PaymentAccounts = Mapping.PaymentAccounts.SetItem("klarna", new PaymentAccount("161030", PaymentMeans.Transfer)) };
        var released = state.ReleasePayment(job, withKlarna, Now);

        Assert.Equal(CommandResultCode.Rejected, still.Reply!.Code);
        Assert.StartsWith("Still failing: Payment payment:1 of magento:7 (67.49 settling invoice:S1): payment method 'klarna' has no Mapping:Channels:magento:PaymentMethods:klarna",
            still.Reply.Message, StringComparison.Ordinal);
        Assert.Equal((CommandResultCode.Accepted, $"Released {job.Key} for another attempt."), Reply(released));
        Assert.Equal("161030", Assert.IsType<PaymentAccountResolved>(released.Events[0]).Account);
    }

    [Fact]
    public void Remarks_too_long_for_sap_end_in_an_ellipsis_at_254_characters()
    {
        var payment = new PlannedPayment("payment:3", PaymentDirection.Refund, "credit:RF-1", "refund:RF-1", new string('m', 250), 12.18m, 12.18m,
            new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30));
        var exact = payment with { Method = new string('m', 254 - "MAGENTO-7/P3 refund  (ActorSync)".Length) };

        var remarks = PaymentDecisions.Remarks("MAGENTO-7", payment);

        Assert.Equal(254, remarks.Length);
        Assert.EndsWith("mm…", remarks, StringComparison.Ordinal);
        Assert.Equal(254, PaymentDecisions.Remarks("MAGENTO-7", exact).Length);
        Assert.EndsWith("(ActorSync)", PaymentDecisions.Remarks("MAGENTO-7", exact), StringComparison.Ordinal);
    }
}
