using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Payments.PaymentEvents;

namespace ActorSync.Domain.Tests.Payments;

public class PaymentDecisionsSpecs
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento") with
    {
        PaymentAccounts = new Dictionary<string, PaymentAccount>(StringComparer.OrdinalIgnoreCase)
        {
            ["braintree"] = new("161099", PaymentMeans.Transfer), // shared mapping, overridden for magento below
        }.ToImmutableDictionary(StringComparer.OrdinalIgnoreCase),
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

    private static OrderState Apply(OrderState state, OrderDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    /// <summary>3 × 12.49 at 20 % (7.49), 2 × 8.35 at 5 % (0.84), shipping 4.16 + 0.83: 67.49, posted as DocEntry 10.</summary>
    private static ChannelOrder Order(params OrderPayment[] payments) =>
        new ChannelOrder("magento", "7", new DateOnly(2026, 11, 27), "EUR", new CustomerRef("ann@example.com", null, true),
            [new OrderLine("A", 3, 12.49m, 7.49m, 20m), new OrderLine("B", 2, 8.35m, 0.84m, 5m)], 4.16m, 0.83m, 67.49m, "standard")
        {
            Payments = payments.Length == 0 ? null : [.. payments],
        };

    private static OrderState Posted(ChannelOrder order)
    {
        var state = OrderState.Empty("magento:7");
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", order), Mapping, Now));
        return Apply(state, state.ProcessOutcome(new PostOutcome.Created(10, 110), Policy, Now, 0));
    }

    private static OrderState Dispatched(OrderState state, string id, decimal a, decimal b, OrderMapping? mapping = null) =>
        Apply(state, state.ProcessCommand(new OrderCommands.RecordDispatch("magento:7", new DispatchConfirmation("magento", "7", id,
            new[] { ("A", a), ("B", b) }.Where(l => l.Item2 > 0).Select(l => new DispatchLine(l.Item1, l.Item2)).ToImmutableList(), new DateOnly(2026, 11, 28))),
            Now, mapping: mapping ?? Mapping));

    /// <summary>Answers every runnable job the way SAP would, numbering documents from 100.</summary>
    private static OrderState RunJobs(OrderState state)
    {
        var next = 100;
        while (state.NextJob is not null)
            state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(next, next++), Policy, Now, 0));
        return state;
    }

    private static PaymentReport Report(string id, decimal amount, string method = "cashondelivery") =>
        new("magento", "7", id, method, amount, new DateOnly(2026, 11, 30), "DHL-COD-" + id);

    [Fact]
    public void Invoices_of_a_split_dispatch_add_up_to_the_cent_to_the_order_the_first_carrying_the_shipping_and_the_completing_one_the_rest()
    {
        var state = Posted(Order());
        state = Dispatched(state, "S1", 1, 1);
        state = Dispatched(state, "S2", 1, 0);
        state = Dispatched(state, "S3", 1, 1);

        var amounts = new[] { "S1", "S2", "S3" }.Select(d => CopyAmounts.Invoice(state, d)).ToList();

        // A's tax 7.49 in thirds: 2.50, 2.50, and what is left, 2.49.
        Assert.Equal([2.50m, 2.50m, 2.49m], amounts.Select(a => a.Rows[0].TaxTotal));
        Assert.Equal([12.49m, 12.49m, 12.49m], amounts.Select(a => a.Rows[0].LineTotal));
        Assert.Equal((4.16m, 0.83m), (amounts[0].Shipping!.LineTotal, amounts[0].Shipping!.TaxSum!.Value));
        Assert.All(amounts.Skip(1), a => Assert.Null(a.Shipping));
        Assert.Equal([28.75m, 14.99m, 23.75m], amounts.Select(a => a.Total));
        Assert.Equal(67.49m, amounts.Sum(a => a.Total));
    }

    [Fact]
    public void A_dispatch_of_an_order_captured_at_checkout_owes_its_invoice_a_payment_of_exactly_its_total_on_the_channel_s_account()
    {
        var state = Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured, "txn-31")));

        state = Dispatched(state, "S1", 2, 1);

        var payment = Assert.Single(state.PlannedPayments());
        Assert.Equal((PaymentDirection.Incoming, "invoice:S1", 43.73m, 43.73m, "161010", PaymentMeans.Transfer),
            (payment.Direction, payment.Settles, payment.Amount, payment.Applied, payment.Account, payment.Means));
        Assert.Equal((new DateOnly(2026, 11, 28), new DateOnly(2026, 11, 27), "txn-31"), (payment.Date, payment.PaidOn, payment.Reference));
        Assert.Equal(["delivery:S1", "invoice:S1", "payment:1"], state.Jobs.Select(j => j.Key));
    }

    [Fact]
    public void A_payment_is_sent_after_its_invoice_with_the_invoice_s_doc_entry_and_is_found_again_by_its_remarks()
    {
        var state = Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured, "8f3a1c2e-77b0-4d2e-9a51-0c6f1e2d3b4a")));
        state = Dispatched(state, "S1", 3, 2);
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(21, 21), Policy, Now, 0)); // delivery
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(34, 34), Policy, Now, 0)); // invoice

        var work = state.CurrentWork()!;

        var body = Assert.IsType<SapPayment>(work.Body);
        Assert.Equal((SapFlowEntitySets.IncomingPayments, "payment:1"), (work.Path, work.Key));
        Assert.Equal((34, 67.49m, "it_Invoice"), (body.PaymentInvoices[0].DocEntry, body.PaymentInvoices[0].SumApplied, body.PaymentInvoices[0].InvoiceType));
        Assert.Equal(("161010", 67.49m, "2026-11-27", "WEBGUEST"), (body.TransferAccount, body.TransferSum, body.TransferDate, body.CardCode));
        Assert.Equal("8f3a1c2e-77b0-4d2e-9a51-0c6", body.TransferReference); // SAP holds 27
        Assert.Equal("MAGENTO-7/P1 payment braintree (ActorSync)", body.Remarks);
        Assert.Equal(new LookUpKey("IncomingPayments", "Remarks", body.Remarks!), work.LookUp);
    }

    [Fact]
    public void Money_captured_short_of_the_total_pays_invoices_in_dispatch_order_until_it_is_spent()
    {
        var state = Posted(Order(new OrderPayment("braintree", 50m, PaymentState.Captured), new OrderPayment("storecredit", 17.49m, PaymentState.Captured)));

        state = Dispatched(state, "S1", 2, 1); // 43.73
        state = Dispatched(state, "S2", 1, 1); // 23.76

        Assert.Equal([("invoice:S1", "braintree", 43.73m), ("invoice:S2", "braintree", 6.27m), ("invoice:S2", "storecredit", 17.49m)],
            state.PlannedPayments().Select(p => (p.Settles, p.Method, p.Amount)));
        Assert.Equal(67.49m, state.PlannedPayments().Sum(p => p.Amount));
    }

    [Fact]
    public void A_cash_on_delivery_order_owes_no_payment_until_the_cash_is_reported_then_exactly_once()
    {
        // Magento says nothing of the state; the mapping says the method is collected later.
        var state = Posted(Order(new OrderPayment("cashondelivery", 67.49m, PaymentState.Captured)));
        state = RunJobs(Dispatched(state, "S1", 2, 1));
        Assert.Empty(state.PlannedPayments());

        var recorded = state.ProcessCommand(new PaymentCommands.RecordPayment("magento:7", Report("C1", 67.49m)), Mapping, Now);
        state = Apply(state, recorded);
        var again = state.ProcessCommand(new PaymentCommands.RecordPayment("magento:7", Report("C1", 67.49m)), Mapping, Now);
        var changed = state.ProcessCommand(new PaymentCommands.RecordPayment("magento:7", Report("C1", 60m)), Mapping, Now);

        Assert.Equal((CommandResultCode.Accepted, NextStep.PostNow), (recorded.Reply!.Code, recorded.Next));
        Assert.Equal((CommandResultCode.Duplicate, CommandResultCode.Conflict), (again.Reply!.Code, changed.Reply!.Code));
        var paid = Assert.Single(state.PlannedPayments());
        Assert.Equal(("reported:C1", 43.73m, "100000", PaymentMeans.Cash, new DateOnly(2026, 11, 30)), (paid.Source, paid.Amount, paid.Account, paid.Means, paid.Date));

        // The rest of the cash pays the second invoice when it is recorded.
        state = Dispatched(state, "S2", 1, 1);
        Assert.Equal([43.73m, 23.76m], state.PlannedPayments().Select(p => p.Amount));
    }

    [Fact]
    public void A_payment_reported_for_an_order_the_engine_never_received_is_not_found()
    {
        var decision = OrderState.Empty("magento:7").ProcessCommand(new PaymentCommands.RecordPayment("magento:7", Report("C1", 10m)), Mapping, Now);

        Assert.Equal(CommandResultCode.NotFound, decision.Reply!.Code);
        Assert.Empty(decision.Events);
    }

    [Fact]
    public void An_unmapped_method_parks_only_its_payment_and_the_next_dispatch_still_goes()
    {
        var state = Posted(Order(new OrderPayment("klarna_pay_later", 67.49m, PaymentState.Captured)));

        state = RunJobs(Dispatched(state, "S1", 2, 1));
        state = Dispatched(state, "S2", 1, 1);

        Assert.Equal(OrderStatus.Invoiced, state.Status);
        var parked = state.Jobs.First(j => j.IsPayment());
        Assert.Equal((JobStatus.Parked, "unmapped-payment-method", OwningTeam.Finance), (parked.Status, parked.Exception!.Type, parked.Exception.Team));
        Assert.Contains("Mapping:Channels:magento:PaymentMethods:klarna_pay_later", parked.Exception.Reason);
        Assert.Equal("delivery:S2", state.NextJob?.Key);
    }

    [Fact]
    public void A_parked_payment_retried_after_its_method_is_mapped_takes_the_account_and_is_looked_up_before_it_is_sent()
    {
        var state = RunJobs(Dispatched(Posted(Order(new OrderPayment("klarna_pay_later", 67.49m, PaymentState.Captured))), "S1", 3, 2));
        var fixedMapping = Mapping with
        {
            PaymentAccounts = Mapping.PaymentAccounts.Add("klarna_pay_later", new PaymentAccount("161030", PaymentMeans.Transfer)),
        };

        var still = state.ProcessCommand(new OrderCommands.RetryOrder("magento:7"), Mapping, Now);
        var retried = state.ProcessCommand(new OrderCommands.RetryOrder("magento:7"), fixedMapping, Now);
        state = Apply(state, retried);

        Assert.Equal(CommandResultCode.Rejected, still.Reply!.Code);
        Assert.Equal((CommandResultCode.Accepted, NextStep.LookUpNow), (retried.Reply!.Code, retried.Next));
        Assert.IsType<PaymentAccountResolved>(retried.Events[0]);
        Assert.Equal("161030", Assert.Single(state.PlannedPayments()).Account);
        Assert.Equal("payment:1", state.NextJob?.Key);
    }

    [Fact]
    public void An_order_journaled_before_payments_existed_delivered_again_with_its_payment_is_a_duplicate_not_a_conflict()
    {
        var state = Posted(Order());

        var again = state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured))), Mapping, Now);

        Assert.Equal(Order().Fingerprint(), Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured)).Fingerprint());
        Assert.Equal(CommandResultCode.Duplicate, again.Reply!.Code);
        Assert.Empty(again.Events);
    }

    [Fact]
    public void An_order_delivered_again_with_its_authorised_payment_now_captured_records_the_capture_once()
    {
        var state = RunJobs(Dispatched(Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Authorised, "txn-9"))), "S1", 3, 2));
        Assert.Empty(state.PlannedPayments());
        var captured = Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured, "txn-9"));

        var first = state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", captured), Mapping, Now);
        state = Apply(state, first);
        var second = state.ProcessCommand(new OrderCommands.SubmitOrder("magento:7", captured), Mapping, Now);

        Assert.Equal(CommandResultCode.Accepted, first.Reply!.Code);
        Assert.Equal("channel-capture-0", Assert.Single(state.ReportedPayments()).PaymentId);
        Assert.Equal((67.49m, "txn-9"), (Assert.Single(state.PlannedPayments()).Amount, state.PlannedPayments()[0].Reference));
        Assert.Equal(CommandResultCode.Duplicate, second.Reply!.Code);
    }

    [Fact]
    public void A_refund_to_store_credit_is_paid_back_from_its_own_account_for_what_the_credit_note_holds()
    {
        var state = RunJobs(Dispatched(Posted(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured))), "S1", 3, 2));
        var refund = new RefundRequest("magento", "7", "CM-1", [new RefundLine("A", 1, 14.99m), new RefundLine("B", 1, 8.77m)], 4.99m, true, new DateOnly(2026, 12, 1))
        {
            Method = "storecredit",
        };

        state = Apply(state, state.ProcessCommand(new OrderCommands.RecordRefund("magento:7", refund), Now, Mapping));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(50, 50), Policy, Now, 0)); // the credit note
        var work = state.CurrentWork()!;

        var body = Assert.IsType<SapPayment>(work.Body);
        Assert.Equal((SapFlowEntitySets.VendorPayments, "rCustomer", "240500", 28.75m), (work.Path, body.DocType, body.TransferAccount, body.TransferSum));
        Assert.Equal((50, 28.75m, "it_CredItnote"), (body.PaymentInvoices[0].DocEntry, body.PaymentInvoices[0].SumApplied, body.PaymentInvoices[0].InvoiceType));
        Assert.Equal("MAGENTO-7/P2 refund storecredit (ActorSync)", body.Remarks);
    }

    [Fact]
    public void A_credit_note_holds_exactly_what_the_channel_refunded_net_and_tax_at_each_row_s_rate()
    {
        var state = RunJobs(Dispatched(Posted(Order()), "S1", 3, 2));
        var refund = new RefundRequest("magento", "7", "CM-1", [new RefundLine("A", 1, 14.99m), new RefundLine("B", 1, 8.77m)], 4.99m, true, new DateOnly(2026, 12, 1));

        state = Apply(state, state.ProcessCommand(new OrderCommands.RecordRefund("magento:7", refund), Now, Mapping));
        var credit = Assert.IsType<SapCopyDocument>(state.CurrentWork()!.Body);

        Assert.Equal([(12.49m, 2.50m), (8.35m, 0.42m)], credit.DocumentLines.Select(l => (l.LineTotal!.Value, l.TaxTotal!.Value)));
        var shipping = Assert.Single(credit.DocumentAdditionalExpenses!);
        Assert.Equal((4.16m, 0.83m), (shipping.LineTotal, shipping.TaxSum!.Value));
        Assert.Equal(refund.Refunded, credit.DocumentLines.Sum(l => l.LineTotal!.Value + l.TaxTotal!.Value) + shipping.LineTotal + shipping.TaxSum.Value);
        Assert.Empty(state.PlannedPayments()); // the order said nothing of how it was paid: nothing says where the money went
    }

    [Fact]
    public void Payment_mapping_errors_name_their_keys()
    {
        var settings = new MappingSettings
        {
            Channels = { ["magento"] = new ChannelMappingSettings { GuestBusinessPartner = "WEBGUEST",
                PaymentMethods = { ["cashondelivery"] = new PaymentMethodSettings { Account = "100000", Kind = "Cash", Capture = "Later" } } } },
            PaymentMethods = { ["braintree"] = new PaymentMethodSettings { Account = " ", Kind = "Card" } },
        };

        var errors = settings.Validate();

        Assert.Contains("Mapping:Channels:magento:PaymentMethods:cashondelivery:Capture must be AtCheckout or Reported, was 'Later'", errors);
        Assert.Contains("Mapping:PaymentMethods:braintree:Account must name a G/L account, was empty", errors);
        Assert.Contains("Mapping:PaymentMethods:braintree:Kind must be Cash or Transfer, was 'Card'", errors);
    }

    [Fact]
    public void A_channel_s_own_payment_mapping_comes_before_the_shared_one()
    {
        var mapping = new MappingSettings
        {
            Channels = { ["magento"] = new ChannelMappingSettings { GuestBusinessPartner = "WEBGUEST",
                PaymentMethods = { ["cashondelivery"] = new PaymentMethodSettings { Account = "100000", Kind = "Cash", Capture = "Reported" } } } },
            PaymentMethods = { ["cashondelivery"] = new PaymentMethodSettings { Account = "161000" } },
        }.ToOrderMapping();

        Assert.Equal(new PaymentAccount("100000", PaymentMeans.Cash, PaymentCapture.Reported), MappingResolution.ResolveOrderPayment(mapping, "magento", "cashondelivery", "").Account);
        Assert.Equal(new PaymentAccount("161000", PaymentMeans.Transfer), MappingResolution.ResolveOrderPayment(mapping, "bigcommerce", "cashondelivery", "").Account);
    }
}
