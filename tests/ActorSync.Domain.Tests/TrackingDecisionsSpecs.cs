using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Tests;

public class TrackingDecisionsSpecs
{
    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    private static OrderState Apply(OrderState state, OrderDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static OrderState Posted()
    {
        var order = new ChannelOrder("magento", "9", new DateOnly(2026, 11, 23), "EUR", new CustomerRef("a@b.c", null, true),
            [new OrderLine("A", 2, 10m, 4m, 20m)], 0m, 0m, 24m, "standard");
        var state = OrderState.Empty("magento:9");
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder("magento:9", order), Mapping, Now));
        return Apply(state, state.ProcessOutcome(new PostOutcome.Created(10, 110), Policy, Now, 0));
    }

    private static OrderCommands.RecordDispatch Dispatch(string id, string? source) =>
        new("magento:9", new DispatchConfirmation("magento", "9", id, [new DispatchLine("A", 1)], new DateOnly(2026, 11, 24), "DHL", "JD01", source));

    [Fact]
    public void A_dispatch_a_warehouse_confirmed_is_owed_to_the_channel_and_keeps_the_order_unfinished_until_published()
    {
        var state = Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", "wms"), Now, channelTakesShipments: true));
        // SAP's delivery and invoice are done; only the channel is still owed.
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(20, 120), Policy, Now, 0));
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(30, 130), Policy, Now, 0));

        Assert.Equal("S1", state.NextTracking()!.Value.Job.DispatchId);
        Assert.True(state.HasUnfinishedWork);

        var published = state.ProcessTrackingPublished("S1", "000000042", alreadyThere: false, Now);
        Assert.True(Assert.IsType<TrackingPublished>(Assert.Single(published.Events)).WorkPending is false);
        state = Apply(state, published);
        Assert.Null(state.NextTracking());
        Assert.False(state.HasUnfinishedWork);
        Assert.Empty(state.ProcessTrackingPublished("S1", "000000042", alreadyThere: true, Now).Events);
    }

    [Fact]
    public void A_dispatch_the_channel_reported_itself_or_a_channel_without_shipments_owes_nothing()
    {
        Assert.Empty(Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", null), Now, channelTakesShipments: true)).Tracking);
        Assert.Empty(Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", "magento"), Now, channelTakesShipments: true)).Tracking);
        Assert.Empty(Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", "wms"), Now, channelTakesShipments: false)).Tracking);
    }

    [Fact]
    public void A_refused_shipment_parks_for_customer_service_and_a_retry_releases_it()
    {
        var state = Apply(Posted(), Posted().ProcessCommand(Dispatch("S1", "wms"), Now, channelTakesShipments: true));

        state = Apply(state, state.ProcessTrackingRejected("S1", "You can't create a shipment without products.", Now));
        var parked = state.Tracking.Single();
        Assert.Equal((TrackingStatus.Parked, "tracking-rejected", OwningTeam.CustomerService), (parked.Status, parked.Exception!.Type, parked.Exception.Team));
        Assert.Equal("magento refused the shipment for dispatch S1 of magento:9: You can't create a shipment without products.", parked.Exception.Reason);
        Assert.Null(state.NextTracking());
        Assert.Empty(state.ProcessTrackingRejected("S1", "again", Now).Events);
        Assert.True(state.HasParkedWork);

        state = RunSapJobs(state);
        var retry = state.ProcessCommand(new OrderCommands.RetryOrder("magento:9"), Mapping, Now);
        Assert.Equal((CommandResultCode.Accepted, "Released the shipment of dispatch S1 for another attempt."), (retry.Reply!.Code, retry.Reply.Message));
        Assert.NotNull(Apply(state, retry).NextTracking());
    }

    [Fact]
    public void Waits_between_failed_attempts_double_up_to_five_minutes_unless_the_channel_says_when()
    {
        Assert.Equal(TimeSpan.FromSeconds(2), TrackingDecisions.RetryDelay(1, null));
        Assert.Equal(TimeSpan.FromSeconds(8), TrackingDecisions.RetryDelay(3, null));
        Assert.Equal(TimeSpan.FromMinutes(5), TrackingDecisions.RetryDelay(30, null));
        Assert.Equal(TimeSpan.FromSeconds(17), TrackingDecisions.RetryDelay(3, TimeSpan.FromSeconds(17)));
    }

    private static OrderState RunSapJobs(OrderState state)
    {
        var next = 100;
        while (state.NextJob is not null)
            state = Apply(state, state.ProcessOutcome(new PostOutcome.Created(next, next++), Policy, Now, 0));
        return state;
    }
}
