using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Mapping;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Payments;
using ActorSync.Domain.Pos;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Tests.Payments.DownPaymentDecisionsSpecs;
using static ActorSync.Domain.Tests.PostedOrderFixture;

namespace ActorSync.Domain.Tests.Payments;

/// <summary>Down payments (<c>Mapping:CapturedBeforeInvoice DownPayment</c>) at their edges: one used up, what they leave owed, payments of nothing. The order, mapping and SAP's answers are <see cref="DownPaymentDecisionsSpecs"/>' own.</summary>
public class DownPaymentDrawsSpecs
{
    // Named here because the namespace ActorSync.Domain.Tests.Mapping hides the imported field, and both imported
    // classes have a clock: this class's specs run on DownPaymentDecisionsSpecs' order date.
    private static OrderMapping Mapping => DownPaymentDecisionsSpecs.Mapping;
    private static DateTimeOffset Now => DownPaymentDecisionsSpecs.Now;

    [Fact]
    public void A_down_payment_used_up_by_an_earlier_invoice_is_not_drawn_again_not_even_for_nothing()
    {
        // 43.73 and 23.76 captured: exactly what S1 (2, 1, with the shipping) and S2 (1, 1) invoice.
        var state = RunAll(Received(Order(new OrderPayment("braintree", 43.73m, PaymentState.Captured), new OrderPayment("giftcard", 23.76m, PaymentState.Captured))));
        state = RunAll(Dispatched(state, "S1", 2, 1));
        state = RunAll(Dispatched(state, "S2", 1, 1));

        var dp1 = state.Jobs.Single(j => j.Key == "downpayment:1").DocEntry!.Value;
        var dp2 = state.Jobs.Single(j => j.Key == "downpayment:2").DocEntry!.Value;
        Assert.Equal([new SapDownPaymentDraw(dp1, 43.73m)], state.Draws("S1"));
        Assert.Equal([new SapDownPaymentDraw(dp2, 23.76m)], state.Draws("S2"));
        Assert.Empty(state.Draws("S3")); // no such dispatch
    }

    [Fact]
    public void An_invoice_owes_a_reported_payment_only_what_the_down_payments_did_not_cover_and_the_rest_waits_for_the_next_invoice()
    {
        // 40.00 captured by card at checkout, the rest (27.49) collected on delivery.
        var state = RunAll(Received(Order(new OrderPayment("braintree", 40.00m, PaymentState.Captured), new OrderPayment("cashondelivery", 27.49m, PaymentState.Pending))));
        state = RunAll(Dispatched(state, "S1", 2, 1)); // 43.73: 40.00 drawn, 3.73 owed

        state = Apply(state, state.ProcessCommand(new PaymentCommands.RecordPayment("magento:7",
            new PaymentReport("magento", "7", "cod-1", "cashondelivery", 27.49m, new DateOnly(2026, 11, 30))), Mapping, Now));
        var afterReport = state.PlannedPayments().Where(p => p.Source == "reported:cod-1").Select(p => (p.Settles, p.Applied)).ToList();
        state = RunAll(Dispatched(state, "S2", 1, 1)); // 23.76, nothing left to draw

        Assert.Equal([("invoice:S1", 3.73m)], afterReport);
        Assert.Empty(state.Draws("S2"));
        Assert.Equal([("invoice:S1", 3.73m), ("invoice:S2", 23.76m)],
            state.PlannedPayments().Where(p => p.Source == "reported:cod-1").Select(p => (p.Settles, p.Applied)));
    }

    [Fact]
    public void A_checkout_payment_of_nothing_becomes_no_down_payment()
    {
        var state = Received(Order(new OrderPayment("giftcard", 0m, PaymentState.Captured), new OrderPayment("braintree", 67.49m, PaymentState.Captured)));

        Assert.Equal([("checkout:1", 67.49m)], state.DownPayments().Select(d => (d.Source, d.Amount)));
        Assert.Equal(["downpayment:1", "payment:1"], state.Jobs.Select(j => j.Key));
    }

    [Fact]
    public void The_down_payment_invoice_is_dated_the_order_s_day_and_says_whose_money_it_is()
    {
        var state = RunAll(Received(Order(new OrderPayment("braintree", 67.49m, PaymentState.Captured, "bt-91"))));

        var body = Assert.IsType<SapCopyDocument>(state.DownPaymentWork(state.Jobs.Single(j => j.Key == "downpayment:1")).Body);

        Assert.Equal(("2026-11-27", "Down payment of magento:7: braintree captured at checkout"), (body.DocDate, body.Comments));
    }

    [Fact]
    public void A_parked_order_retried_plans_its_down_payments_like_one_checked_at_once()
    {
        // Bug (issue 16): the retry journaled the validation but dropped the down payments it planned, so a parked order
        // in down-payment mode went the clearing-account way once released.
        var unmapped = Mapping with { ShippingTypes = Mapping.ShippingTypes.Remove("standard") };
        var state = Received(Order(new OrderPayment("braintree", 52.49m, PaymentState.Captured, "bt-91"), new OrderPayment("giftcard", 15.00m, PaymentState.Captured)), unmapped);
        Assert.Equal(OrderStatus.Quarantined, state.Status);

        var retried = state.ProcessCommand(new OrderCommands.RetryOrder("magento:7"), Mapping, Now);
        state = Apply(state, retried);

        Assert.Equal((CommandResultCode.Accepted, NextStep.LookUpNow), (retried.Reply!.Code, retried.Next));
        Assert.Equal(["downpayment:1", "payment:1", "downpayment:2", "payment:2"], state.Jobs.Select(j => j.Key));
        Assert.Equal([("checkout:0", 52.49m), ("checkout:1", 15.00m)], state.DownPayments().Select(d => (d.Source, d.Amount)));
    }

    [Fact]
    public void Only_money_captured_at_checkout_becomes_a_down_payment_not_a_payment_reported_while_the_order_waited_to_be_checked()
    {
        // The order parks (its shipping method is not mapped yet); the cash collected on delivery is reported meanwhile.
        var unmapped = Mapping with { ShippingTypes = Mapping.ShippingTypes.Remove("standard") };
        var state = Received(Order(new OrderPayment("braintree", 50.00m, PaymentState.Captured), new OrderPayment("cashondelivery", 17.49m, PaymentState.Pending)), unmapped);
        Assert.Empty(state.DownPayments());
        state = Apply(state, state.ProcessCommand(new PaymentCommands.RecordPayment("magento:7",
            new PaymentReport("magento", "7", "cod-1", "cashondelivery", 17.49m, new DateOnly(2026, 11, 30))), Mapping, Now));

        state = Apply(state, state.ProcessCommand(new OrderCommands.RetryOrder("magento:7"), Mapping, Now));

        Assert.Equal([("checkout:0", 50.00m)], state.DownPayments().Select(d => (d.Source, d.Amount)));
        Assert.DoesNotContain(state.PlannedPayments(), p => p.Source == "reported:cod-1");
    }
}
