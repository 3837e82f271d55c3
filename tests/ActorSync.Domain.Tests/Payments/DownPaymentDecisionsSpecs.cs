using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Tests.PostedOrderFixture;

namespace ActorSync.Domain.Tests.Payments;

/// <summary><c>Mapping:CapturedBeforeInvoice DownPayment</c>: what was captured at checkout becomes an A/R down payment that the invoices draw.</summary>
public class DownPaymentDecisionsSpecs
{
    internal static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);

    internal static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento") with
    {
        CapturedBeforeInvoice = CapturedBeforeInvoice.DownPayment,
        ChannelPaymentAccounts = new Dictionary<string, ImmutableDictionary<string, PaymentAccount>>(StringComparer.OrdinalIgnoreCase)
        {
            ["magento"] = new Dictionary<string, PaymentAccount>(StringComparer.OrdinalIgnoreCase)
            {
                ["braintree"] = new("161010", PaymentMeans.Transfer),
                ["giftcard"] = new("240600", PaymentMeans.Transfer),
                ["cashondelivery"] = new("100000", PaymentMeans.Cash, PaymentCapture.Reported),
            }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
    };

    internal static OrderState Received(ChannelOrder order, OrderMapping? mapping = null)
    {
        var state = OrderState.Empty("magento:7");
        return Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", order), mapping ?? Mapping, Now));
    }

    /// <summary>Answers every runnable piece of work (the sales order first) the way SAP would, numbering documents from 100.</summary>
    internal static OrderState RunAll(OrderState state)
    {
        var next = 100;
        while (state.Status == OrderStatus.Validated || state.NextJob is not null)
            state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(next, next++), Policy, Now, 0));
        return state;
    }

    internal static OrderState Dispatched(OrderState state, string id, decimal a, decimal b) =>
        Apply(state, state.ProcessCommand(new OrderCommands.RecordDispatch("magento:7", new DispatchConfirmation("magento", "7", id,
            new[] { ("A", a), ("B", b) }.Where(l => l.Item2 > 0).Select(l => new DispatchLine(l.Item1, l.Item2)).ToImmutableList(), new DateOnly(2026, 11, 28))),
            Now, mapping: Mapping));

    [Fact]
    public void Each_captured_payment_becomes_a_down_payment_with_the_incoming_payment_that_settles_it_right_after_the_sales_order()
    {
        var state = Received(Order(new OrderPayment("braintree", 52.49m, PaymentState.Captured, "bt-91"), new OrderPayment("giftcard", 15.00m, PaymentState.Captured)));

        Assert.Equal(["downpayment:1", "payment:1", "downpayment:2", "payment:2"], state.Jobs.Select(j => j.Key));
        Assert.Equal([(52.49m, "braintree", "checkout:0"), (15.00m, "giftcard", "checkout:1")],
            state.DownPayments().Select(d => (d.Amount, d.Method, d.Source)));
        var payments = state.PlannedPayments();
        Assert.Equal([("downpayment:1", 52.49m, "161010", "bt-91"), ("downpayment:2", 15.00m, "240600", null)],
            payments.Select(p => (p.Settles, p.Applied, p.Account, p.Reference)));
        Assert.All(payments, p => Assert.Equal((p.Amount, new DateOnly(2026, 11, 27)), (p.Applied, p.PaidOn)));
        Assert.Null(state.NextJob); // nothing before the sales order is in SAP
    }

    [Fact]
    public void The_down_payment_asks_for_what_was_captured_against_every_row_and_the_freight_of_the_sales_order()
    {
        var state = RunAll(Received(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured, "bt-91"))));
        var job = state.Jobs.Single(j => j.Kind == JobKind.DownPayment);

        var work = state.DownPaymentWork(job);

        var body = Assert.IsType<SapCopyDocument>(work.Body);
        Assert.Equal(("DownPayments", "MAGENTO-7/DP1", "dptInvoice", 67.49m), (work.Path, body.NumAtCard, body.DownPaymentType, body.DocTotal));
        Assert.Equal([(17, 100, 0, 3m), (17, 100, 1, 2m)], body.DocumentLines.Select(l => (l.BaseType, l.BaseEntry, l.BaseLine, l.Quantity)));
        Assert.Equal(4.16m, Assert.Single(body.DocumentAdditionalExpenses!).LineTotal);
        Assert.Equal(new LookUpKey("DownPayments", "NumAtCard", "MAGENTO-7/DP1"), work.LookUp);
    }

    [Fact]
    public void The_payment_of_a_down_payment_applies_to_it_as_it_DownPayment_with_its_DocEntry()
    {
        var state = RunAll(Received(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured, "bt-91"))));
        var payment = state.Jobs.Single(j => j.Key == "payment:1");

        var body = Assert.IsType<SapPayment>(state.PaymentWork(payment).Body);

        var applied = Assert.Single(body.PaymentInvoices);
        Assert.Equal((state.Jobs.Single(j => j.Key == "downpayment:1").DocEntry, 67.49m, "it_DownPayment"), (applied.DocEntry, applied.SumApplied, applied.InvoiceType));
        Assert.Equal(("161010", 67.49m, "bt-91"), (body.TransferAccount, body.TransferSum, body.TransferReference));
    }

    [Fact]
    public void Invoices_draw_the_down_payments_in_order_to_the_cent_and_owe_no_further_payment()
    {
        var state = RunAll(Received(Order(new OrderPayment("braintree", 52.49m, PaymentState.Captured), new OrderPayment("giftcard", 15.00m, PaymentState.Captured))));
        state = RunAll(Dispatched(state, "S1", 2, 1)); // 43.73 with the shipping
        state = RunAll(Dispatched(state, "S2", 1, 1)); // 23.76

        var first = state.Draws("S1");
        var second = state.Draws("S2");

        var dp1 = state.Jobs.Single(j => j.Key == "downpayment:1").DocEntry!.Value;
        var dp2 = state.Jobs.Single(j => j.Key == "downpayment:2").DocEntry!.Value;
        Assert.Equal([new SapDownPaymentDraw(dp1, 43.73m)], first);
        Assert.Equal([new SapDownPaymentDraw(dp1, 8.76m), new SapDownPaymentDraw(dp2, 15.00m)], second);
        Assert.Equal(67.49m, first.Concat(second).Sum(d => d.GrossAmountToDraw));
        Assert.Equal(2, state.PlannedPayments().Count); // only the down payments' own
        Assert.Equal(second, InvoiceBody(state, "S2").DownPaymentsToDraw); // what the invoice sends
    }

    [Fact]
    public void What_the_down_payments_do_not_cover_is_paid_by_a_later_report_against_the_invoice()
    {
        // 50.00 captured by card, the rest (17.49) collected on delivery.
        var state = RunAll(Received(Order(new OrderPayment("braintree", 50.00m, PaymentState.Captured), new OrderPayment("cashondelivery", 17.49m, PaymentState.Pending))));
        Assert.Single(state.DownPayments());
        state = RunAll(Dispatched(state, "S1", 3, 2));
        Assert.Equal(50.00m, Assert.Single(state.Draws("S1")).GrossAmountToDraw);

        state = Apply(state, state.ProcessCommand(new PaymentCommands.RecordPayment("magento:7",
            new PaymentReport("magento", "7", "cod-1", "cashondelivery", 17.49m, new DateOnly(2026, 11, 30))), Mapping, Now));

        var owed = state.PlannedPayments().Single(p => p.Source == "reported:cod-1");
        Assert.Equal((SapJob.InvoiceKey("S1"), 17.49m), (owed.Settles, owed.Applied));
    }

    [Fact]
    public void The_default_mapping_plans_no_down_payment_and_an_order_checked_again_plans_none_twice()
    {
        var clearing = Received(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured)), Mapping with { CapturedBeforeInvoice = CapturedBeforeInvoice.Clearing });
        Assert.Empty(clearing.DownPayments());
        Assert.Empty(clearing.Jobs);

        var state = Received(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured)));
        Assert.Empty(state.PlanDownPayments(Mapping, Now));
    }

    [Fact]
    public void The_setting_is_validated_by_name_and_defaults_to_the_clearing_account()
    {
        MappingSettings Settings(string? mode)
        {
            var settings = new MappingSettings { Channels = { ["magento"] = new ChannelMappingSettings { GuestBusinessPartner = "WEBGUEST" } } };
            if (mode is not null) settings.CapturedBeforeInvoice = mode;
            return settings;
        }

        Assert.Equal(CapturedBeforeInvoice.Clearing, Settings(null).ToOrderMapping().CapturedBeforeInvoice);
        Assert.Equal(CapturedBeforeInvoice.DownPayment, Settings("downpayment").ToOrderMapping().CapturedBeforeInvoice);
        Assert.Contains("Mapping:CapturedBeforeInvoice must be Clearing or DownPayment, was 'Deposit'", Settings("Deposit").Validate());
        Assert.DoesNotContain(Settings("DownPayment").Validate(), e => e.Contains("CapturedBeforeInvoice"));
    }

    private static SapCopyDocument InvoiceBody(OrderState state, string dispatchId)
    {
        // The invoice job is done in this state; its request is built the same way it was sent.
        var job = state.Jobs.Single(j => j.Key == SapJob.InvoiceKey(dispatchId));
        var pending = state with { Jobs = state.Jobs.Select(j => j.Key == job.Key ? j with { Status = JobStatus.Pending } : j).ToImmutableList() };
        return Assert.IsType<SapCopyDocument>(pending.CurrentWork()!.Body);
    }
}
