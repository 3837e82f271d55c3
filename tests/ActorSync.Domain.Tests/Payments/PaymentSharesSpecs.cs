using System.Collections.Immutable;
using CsCheck;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Payments.PaymentEvents;
using static ActorSync.Domain.Tests.PostedOrderFixture;

namespace ActorSync.Domain.Tests.Payments;

/// <summary>
/// The money rules of <see cref="PaymentDecisions"/> at their edges: money shared over several invoices and several
/// reports across several decisions, refunds without a method of their own, captures the channel reports on redelivery.
/// </summary>
public class PaymentSharesSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento") with
    {
        ChannelPaymentAccounts = new Dictionary<string, ImmutableDictionary<string, PaymentAccount>>(StringComparer.OrdinalIgnoreCase)
        {
            ["magento"] = new Dictionary<string, PaymentAccount>(StringComparer.OrdinalIgnoreCase)
            {
                ["braintree"] = new("161010", PaymentMeans.Transfer),
                ["cashondelivery"] = new("100000", PaymentMeans.Cash, PaymentCapture.Reported),
                ["storecredit"] = new("240500", PaymentMeans.Transfer),
            }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
    };

    /// <summary><see cref="PostedOrderFixture.Order"/> with its payments, posted as DocEntry 10.</summary>
    private static OrderState Posted(ChannelOrder order)
    {
        var state = OrderState.Empty("magento:7");
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", order), Mapping, Now));
        return Apply(state, state.ProcessOutcome(new PostOutcome.Created(10, 110), Policy, Now, 0));
    }

    /// <summary>S1 (1, 1) invoices 28.75 with the shipping, S2 (1, 0) 14.99, S3 (1, 1) the rest, 23.75.</summary>
    private static OrderState Dispatched(OrderState state, string id, decimal a, decimal b) =>
        Apply(state, state.ProcessCommand(new OrderCommands.RecordDispatch("magento:7", new DispatchConfirmation("magento", "7", id,
            new[] { ("A", a), ("B", b) }.Where(l => l.Item2 > 0).Select(l => new DispatchLine(l.Item1, l.Item2)).ToImmutableList(), new DateOnly(2026, 11, 28))),
            Now, mapping: Mapping));

    private static OrderState Reported(OrderState state, string id, decimal amount) =>
        Apply(state, state.ProcessCommand(new PaymentCommands.RecordPayment("magento:7",
            new PaymentReport("magento", "7", id, "cashondelivery", amount, new DateOnly(2026, 11, 30), null)), Mapping, Now));

    private static IEnumerable<(string Settles, string Source, decimal Amount)> Shares(OrderState state) =>
        state.PlannedPayments().Select(p => (p.Settles, p.Source, p.Amount));

    [Fact]
    public void Money_that_arrives_in_pieces_pays_each_invoice_only_what_it_still_owes_and_each_payment_only_what_is_left_of_it()
    {
        // 25.00 captured at checkout in two methods, then two cash reports; three invoices of 67.49 in all.
        var state = Posted(Order(new OrderPayment("braintree", 20m, PaymentState.Captured), new OrderPayment("storecredit", 5m, PaymentState.Captured)));
        state = Dispatched(state, "S1", 1, 1);
        state = Dispatched(state, "S2", 1, 0);
        Assert.Equal([("invoice:S1", "checkout:0", 20m), ("invoice:S1", "checkout:1", 5m)], Shares(state));

        // 10.00: the 3.75 S1 still owes, and the rest towards S2.
        state = Reported(state, "C1", 10m);
        // 30.00: what S2 still owes (8.74); the rest waits for an invoice.
        state = Reported(state, "C2", 30m);
        // S3's invoice takes what is left of C2, 21.26 of its 23.75.
        state = Dispatched(state, "S3", 1, 1);

        Assert.Equal(
            [("invoice:S1", "checkout:0", 20m), ("invoice:S1", "checkout:1", 5m), ("invoice:S1", "reported:C1", 3.75m),
             ("invoice:S2", "reported:C1", 6.25m), ("invoice:S2", "reported:C2", 8.74m), ("invoice:S3", "reported:C2", 21.26m)],
            Shares(state));
        // No invoice is paid more than it holds, no payment spent beyond its amount, and everything captured is spent.
        var invoiced = new[] { "S1", "S2", "S3" }.ToDictionary(d => "invoice:" + d, d => CopyAmounts.Invoice(state, d).Total);
        Assert.All(state.PlannedPayments().GroupBy(p => p.Settles), g => Assert.True(g.Sum(p => p.Applied) <= invoiced[g.Key]));
        Assert.Equal(65m, state.PlannedPayments().Sum(p => p.Amount));
        Assert.Equal(["payment:1", "payment:2", "payment:3", "payment:4", "payment:5", "payment:6"], state.PlannedPayments().Select(p => p.Key));
    }

    [Fact]
    public void A_payment_is_dated_the_later_of_its_invoice_s_dispatch_and_the_day_the_money_came()
    {
        // Paid at checkout on 27 Nov, dispatched on 28 Nov: dated the dispatch.
        var early = Assert.Single(Dispatched(Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured))), "S1", 1, 1).PlannedPayments());
        // Dispatched on 28 Nov, the cash reported on 30 Nov: dated the report.
        var late = Assert.Single(Reported(Dispatched(Posted(Order()), "S1", 1, 1), "C1", 28.75m).PlannedPayments());

        Assert.Equal((new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 27)), (early.Date, early.PaidOn));
        Assert.Equal((new DateOnly(2026, 11, 30), new DateOnly(2026, 11, 30)), (late.Date, late.PaidOn));
    }

    [Fact]
    public void A_checkout_payment_of_nothing_is_no_source_of_money()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("storecredit", 0m, PaymentState.Captured), new OrderPayment("braintree", 67.49m, PaymentState.Captured))), "S1", 1, 1);

        Assert.Equal([("invoice:S1", "checkout:1", 28.75m)], Shares(state));
    }

    [Fact]
    public void Without_a_mapping_an_invoice_s_payment_is_still_planned_for_its_share_and_parked_for_finance()
    {
        var state = Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured)));
        state = Apply(state, state.ProcessCommand(new OrderCommands.RecordDispatch("magento:7", new DispatchConfirmation("magento", "7", "S2",
            [new DispatchLine("A", 1)], new DateOnly(2026, 11, 28))), Now, mapping: null));

        // The first invoice carries the shipping: 12.49 + 2.50 + 4.16 + 0.83.
        var payment = Assert.Single(state.PlannedPayments());
        Assert.Equal(("invoice:S2", 19.98m, "braintree", null), (payment.Settles, payment.Amount, payment.Method, payment.Account));
        var parked = Assert.Single(state.Jobs, j => j.IsPayment());
        Assert.Equal((JobStatus.Parked, "unmapped-payment-method"), (parked.Status, parked.Exception!.Type));
        Assert.Equal("Payment payment:1 of magento:7 (19.98 settling invoice:S2): no mapping is loaded, so payment method 'braintree' has no account.",
            parked.Exception.Reason);
    }

    [Fact]
    public void An_unmapped_method_s_exception_says_which_payment_of_which_order_for_how_much_settling_what()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("klarna_pay_later", 67.49m, PaymentState.Captured))), "S1", 1, 1);
        var refund = new RefundRequest("magento", "7", "CM-1", [new RefundLine("A", 1, 14.99m)], 0m, true, new DateOnly(2026, 12, 1));

        var incoming = Assert.Single(state.Jobs, j => j.IsPayment()).Exception!;
        var outgoing = Assert.IsType<PaymentPlanned>(Assert.Single(state.PlanRefund(refund, Mapping, Now)));

        Assert.StartsWith("Payment payment:1 of magento:7 (28.75 settling invoice:S1)", incoming.Reason);
        Assert.StartsWith("Refund payment payment:2 of magento:7 (14.99 settling credit:CM-1)", outgoing.ParkedBecause!.Reason);
    }

    [Fact]
    public void Without_a_mapping_a_payment_is_parked_with_the_reason_that_no_mapping_is_loaded()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured))), "S1", 1, 1);
        var refund = new RefundRequest("magento", "7", "CM-1", [new RefundLine("A", 1, 14.99m)], 0m, true, new DateOnly(2026, 12, 1));

        var planned = Assert.IsType<PaymentPlanned>(Assert.Single(state.PlanRefund(refund, null, Now)));

        Assert.Null(planned.Payment.Account);
        Assert.Equal("unmapped-payment-method", planned.ParkedBecause!.Type);
        Assert.Equal("Refund payment payment:2 of magento:7 (14.99 settling credit:CM-1): no mapping is loaded, so payment method 'braintree' has no account.",
            planned.ParkedBecause.Reason);
    }

    private static RefundRequest Refund(string? method = null, decimal? total = null) =>
        new("magento", "7", "CM-1", [new RefundLine("A", 1, 14.99m), new RefundLine("B", 1, 8.77m)], 4.99m, true, new DateOnly(2026, 12, 1), total)
        {
            Method = method,
        };

    private static PlannedPayment RefundPayment(OrderState state, RefundRequest refund) =>
        Assert.IsType<PaymentPlanned>(Assert.Single(state.PlanRefund(refund, Mapping, Now))).Payment;

    [Fact]
    public void A_refund_without_a_method_of_its_own_goes_back_the_way_the_order_was_paid()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured))), "S1", 1, 1);

        var payment = RefundPayment(state, Refund());

        Assert.Equal((PaymentDirection.Refund, "credit:CM-1", "refund:CM-1", "braintree", "161010"),
            (payment.Direction, payment.Settles, payment.Source, payment.Method, payment.Account));
        Assert.Equal((28.75m, 28.75m, new DateOnly(2026, 12, 1)), (payment.Amount, payment.Applied, payment.Date));
    }

    [Fact]
    public void A_refund_without_a_method_goes_back_to_the_first_payment_that_brought_money_not_to_one_never_captured()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("storecredit", 10m, PaymentState.Authorised), new OrderPayment("braintree", 57.49m, PaymentState.Captured))), "S1", 1, 1);

        Assert.Equal("braintree", RefundPayment(state, Refund()).Method);
    }

    [Fact]
    public void A_refund_of_an_order_whose_payment_was_never_captured_goes_back_the_way_the_channel_said_it_was_paid()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Authorised))), "S1", 1, 1);

        var payment = RefundPayment(state, Refund());

        Assert.Equal(("braintree", "161010", 28.75m), (payment.Method, payment.Account, payment.Amount));
    }

    [Fact]
    public void A_refund_of_an_order_the_channel_sent_with_an_empty_payment_list_pays_nothing_back_unless_it_names_where_the_money_went()
    {
        var state = Dispatched(Posted(Order()), "S1", 1, 1);

        var named = RefundPayment(state, Refund("storecredit"));

        Assert.Empty(state.PlanRefund(Refund(), Mapping, Now));
        Assert.Equal(("storecredit", "240500", 28.75m), (named.Method, named.Account, named.Amount));
    }

    [Fact]
    public void A_refund_of_an_order_sent_without_payments_to_a_named_method_is_paid_back_from_that_method_s_account()
    {
        var order = Order() with { Payments = null };
        var state = Dispatched(Posted(order), "S1", 1, 1);

        var named = RefundPayment(state, Refund("storecredit"));

        Assert.Empty(state.PlanRefund(Refund(), Mapping, Now));
        Assert.Equal(("storecredit", "240500"), (named.Method, named.Account));
    }

    [Fact]
    public void A_refund_of_nothing_pays_nothing_back()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured))), "S1", 1, 1);
        var nothing = new RefundRequest("magento", "7", "CM-0", [], 0m, false, new DateOnly(2026, 12, 1)) { Method = "storecredit" };

        Assert.Empty(state.PlanRefund(nothing, Mapping, Now));
    }

    [Fact]
    public void A_refund_the_channel_paid_more_for_than_the_credit_note_holds_pays_it_all_out_and_applies_only_the_credit_note_s_amount()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured))), "S1", 1, 1);

        // The channel gave back 30.00 (an adjustment refund of 1.25 on top of the rows and shipping, 28.75).
        var more = RefundPayment(state, Refund(total: 30.00m));
        // A channel total of zero says nothing: what the rows and shipping hold is paid.
        var unsaid = RefundPayment(state, Refund(total: 0m));

        Assert.Equal((30.00m, 28.75m), (more.Amount, more.Applied));
        Assert.Equal((28.75m, 28.75m), (unsaid.Amount, unsaid.Applied));
    }

    [Fact]
    public void A_refund_the_channel_paid_less_for_than_the_credit_note_holds_pays_and_applies_what_the_channel_paid()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured))), "S1", 1, 1);

        var less = RefundPayment(state, Refund(total: 20.00m));

        Assert.Equal((20.00m, 20.00m), (less.Amount, less.Applied));
    }

    [Fact]
    public void Only_payments_the_channel_now_says_are_captured_count_as_reports_on_redelivery_and_the_invoice_open_is_paid_now()
    {
        var state = Dispatched(Posted(Order(new OrderPayment("braintree", 40m, PaymentState.Authorised, "txn-1"), new OrderPayment("storecredit", 27.49m, PaymentState.Pending))), "S1", 1, 1);
        Assert.Empty(state.PlannedPayments());
        // The first is captured now, the second still pending, and the channel added a third the order never had.
        var again = Order(new OrderPayment("braintree", 40m, PaymentState.Captured, "txn-1"), new OrderPayment("storecredit", 27.49m, PaymentState.Pending),
            new OrderPayment("giftcard", 5m, PaymentState.Captured));

        var decision = state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", again), Mapping, Now);

        Assert.Equal((CommandResultCode.Accepted, NextStep.PostNow), (decision.Reply!.Code, decision.Next));
        Assert.Equal("The channel now reports the payment captured; recorded.", decision.Reply.Message);
        var report = Assert.Single(decision.Events.OfType<PaymentReported>()).Payment;
        Assert.Equal(("channel-capture-0", "braintree", 40m, "txn-1"), (report.PaymentId, report.Method, report.Amount, report.Reference));
        Assert.Equal(("invoice:S1", 28.75m), (Assert.Single(decision.Events.OfType<PaymentPlanned>()).Payment.Settles, decision.Events.OfType<PaymentPlanned>().Single().Payment.Amount));
    }

    [Fact]
    public void A_capture_reported_on_redelivery_before_any_dispatch_is_recorded_and_waits_for_an_invoice()
    {
        var state = Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Authorised)));

        var decision = state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured))), Mapping, Now);

        Assert.Equal((CommandResultCode.Accepted, NextStep.None), (decision.Reply!.Code, decision.Next));
        Assert.IsType<PaymentReported>(Assert.Single(decision.Events));
    }

    [Fact]
    public void Cash_collected_on_delivery_is_sent_as_a_customer_s_cash_payment_on_the_cash_account_dated_the_day_it_was_reported()
    {
        var state = Reported(Dispatched(Posted(Order(new OrderPayment("cashondelivery", 67.49m, PaymentState.Captured))), "S1", 1, 1), "C1", 67.49m);
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(21, 21), Policy, Now, 0)); // delivery
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(34, 34), Policy, Now, 0)); // invoice

        var body = Assert.IsType<SapPayment>(state.CurrentWork()!.Body);

        Assert.Equal(("rCustomer", "WEBGUEST", "2026-11-30"), (body.DocType, body.CardCode, body.DocDate));
        Assert.Equal(("100000", 28.75m), (body.CashAccount, body.CashSum));
        Assert.Null(body.TransferAccount);
        Assert.Equal((34, 28.75m, "it_Invoice"), (body.PaymentInvoices[0].DocEntry, body.PaymentInvoices[0].SumApplied, body.PaymentInvoices[0].InvoiceType));
    }

    [Fact]
    public void However_money_and_dispatches_arrive_no_invoice_is_paid_beyond_its_total_no_payment_is_spent_twice_and_what_can_be_paid_is()
    {
        var checkout = Gen.Select(Gen.Int[0, 1], Gen.Int[1, 4_000]).Select((m, cents) => new OrderPayment(m == 0 ? "braintree" : "storecredit", cents / 100m, PaymentState.Captured));
        // Each of the five units (A × 3, B × 2) goes out in one of three dispatches; each report comes after one of them.
        Gen.Select(checkout.List[0, 3], Gen.Int[0, 2].Array[5], Gen.Select(Gen.Int[0, 3], Gen.Int[1, 4_000]).List[0, 2]).Sample((paid, units, reports) =>
        {
            var state = Posted(Order([.. paid]));
            var money = paid.Select((p, i) => ($"checkout:{i}", p.Amount)).ToDictionary(m => m.Item1, m => m.Item2);
            for (var step = 0; step <= 3; step++)
            {
                foreach (var (_, cents) in reports.Where(r => r.Item1 == step))
                {
                    var id = $"C{money.Count + 1}";
                    state = Reported(state, id, cents / 100m);
                    money[$"reported:{id}"] = cents / 100m;
                }
                if (step == 3) break;
                var a = units.Take(3).Count(u => u == step);
                var b = units.Skip(3).Count(u => u == step);
                if (a + b > 0)
                    state = Apply(state, state.ProcessCommand(new OrderCommands.RecordDispatch("magento:7", new DispatchConfirmation("magento", "7", $"S{step}",
                        new[] { ("A", (decimal)a), ("B", (decimal)b) }.Where(l => l.Item2 > 0).Select(l => new DispatchLine(l.Item1, l.Item2)).ToImmutableList(),
                        new DateOnly(2026, 11, 28))), Now, mapping: Mapping));
            }

            var payments = state.PlannedPayments();
            var invoiced = state.Dispatches.ToDictionary(d => SapJob.InvoiceKey(d.Dispatch.DispatchId), d => CopyAmounts.Invoice(state, d.Dispatch.DispatchId).Total);
            Assert.All(payments, p => Assert.True(p.Amount > 0 && p.Amount == p.Applied && p.Direction == PaymentDirection.Incoming));
            Assert.All(payments.GroupBy(p => p.Settles), g => Assert.True(g.Sum(p => p.Amount) <= invoiced[g.Key], $"{g.Key} paid beyond its total"));
            Assert.All(payments.GroupBy(p => p.Source), g => Assert.True(g.Sum(p => p.Amount) <= money[g.Key], $"{g.Key} spent beyond its amount"));
            Assert.Equal(Math.Min(money.Values.Sum(), invoiced.Values.Sum()), payments.Sum(p => p.Amount));
            Assert.Equal(Enumerable.Range(1, payments.Count).Select(n => $"payment:{n}"), payments.Select(p => p.Key));
        });
    }
}
