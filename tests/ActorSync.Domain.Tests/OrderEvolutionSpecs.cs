using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;
using static ActorSync.Domain.Tests.PostedOrderFixture;

namespace ActorSync.Domain.Tests;

/// <summary>How the order's journaled events rebuild its state (<see cref="OrderEvolution"/>): replayed, they must give the same order every time.</summary>
public class OrderEvolutionSpecs
{
    private static OrderState Dispatched(OrderState state, string id, bool toChannel = false, params (string Sku, decimal Qty)[] lines) =>
        Apply(state, state.ProcessCommand(new OrderCommands.RecordDispatch("magento:7", new DispatchConfirmation("magento", "7", id,
            lines.Select(l => new DispatchLine(l.Sku, l.Qty)).ToImmutableList(), new DateOnly(2026, 11, 28), "DHL", "JD0146", Source: "wms")), Now,
            channelTakesShipments: toChannel));

    [Fact]
    public void A_lock_met_again_keeps_the_time_the_first_lock_was_met_so_the_retry_window_is_not_reset()
    {
        var state = OrderState.Empty("magento:7")
            .ProcessEvent(new PostingDeferred("magento:7", "locked by manager", 1, Now))
            .ProcessEvent(new PostingDeferred("magento:7", "still locked", 2, Now.AddSeconds(20)));

        Assert.Equal((Now, 2, "still locked"), (state.FirstLockAt, state.LockAttempts, state.LastProblem));
    }

    [Fact]
    public void A_stage_an_order_reached_is_never_lost_to_a_later_dispatch_s_delivery()
    {
        var state = RunJobs(Dispatched(Posted(), "S1", false, ("A", 1)));
        Assert.Equal(OrderStatus.Invoiced, state.Status);

        state = Dispatched(state, "S2", false, ("A", 1));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(300, 300), Policy, Now, 0)); // S2's delivery

        Assert.Equal(JobStatus.Done, state.Jobs.Single(j => j.Key == "delivery:S2").Status);
        Assert.Equal(OrderStatus.Invoiced, state.Status);
    }

    [Fact]
    public void A_shipping_credit_planned_for_one_refund_leaves_the_order_s_other_refunds_as_they_were()
    {
        var parked = ExceptionTypes.UnmappedShippingRefund("no account");
        var state = Posted()
            .ProcessEvent(new RefundRecorded("magento:7", new RefundRequest("magento", "7", "R1", [], 2.00m, true, new DateOnly(2026, 12, 1)), parked, Now))
            .ProcessEvent(new RefundRecorded("magento:7", new RefundRequest("magento", "7", "R2", [], 4.99m, true, new DateOnly(2026, 12, 2)), parked, Now));

        state = state.ProcessEvent(new ShippingCreditPlanned("magento:7", "R2", new ShippingCredit("400000", "O1", 4.16m, 0.83m), Now));

        Assert.Equal([("R1", null), ("R2", "400000")], state.Refunds.Select(r => (r.RefundId, r.ShippingCredit?.AccountCode)));
    }

    [Fact]
    public void A_cancelled_order_drops_only_its_cancel_job_and_keeps_the_record_of_what_it_delivered_and_invoiced()
    {
        var state = RunJobs(Dispatched(Posted(), "S1", false, ("A", 1)))
            .ProcessEvent(new CancellationRecorded("magento:7", new OrderCancellation("magento", "7", "customer asked"), JobKind.CloseOrder, Now));
        Assert.Contains(state.Jobs, j => j.Key == SapJob.CancelKey);

        state = state.ProcessEvent(new OrderCancelled("magento:7", Now));

        Assert.Equal(OrderStatus.Cancelled, state.Status);
        Assert.Equal(["delivery:S1", "invoice:S1"], state.Jobs.Select(j => j.Key));
    }

    [Fact]
    public void Tracking_news_of_a_dispatch_changes_that_dispatch_s_shipment_only_and_news_of_an_unknown_one_changes_nothing()
    {
        var state = Dispatched(Dispatched(Posted(), "S1", true, ("A", 1)), "S2", true, ("A", 1));

        var first = state.ProcessEvent(new TrackingPublished("magento:7", "S1", "shipment-41", false, Now));
        var unknown = state.ProcessEvent(new TrackingPublished("magento:7", "S9", "shipment-99", false, Now));

        Assert.Equal([("S1", TrackingStatus.Done, "shipment-41"), ("S2", TrackingStatus.Pending, null)],
            first.Tracking.Select(t => (t.DispatchId, t.Status, t.ChannelShipmentId)));
        Assert.Equal(state.Tracking, unknown.Tracking);
    }
}
