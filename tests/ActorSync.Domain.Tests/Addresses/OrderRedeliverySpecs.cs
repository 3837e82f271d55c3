using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;
using static ActorSync.Domain.Tests.Addresses.AddressFixtures;

namespace ActorSync.Domain.Tests.Addresses;

/// <summary>The same order delivered again: when addresses make it a duplicate, a conflict or the correction of a parked order.</summary>
public class OrderRedeliverySpecs
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 10, 0, 0, TimeSpan.Zero);

    private static (OrderState State, OrderDecision Decision) Submit(OrderState state, ChannelOrder order)
    {
        var decision = state.ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), CompanyMapping(), Now, Snapshot());
        return (decision.Events.Aggregate(state, (s, e) => s.ProcessEvent(e)), decision);
    }

    private static OrderState Received(ChannelOrder order) => Submit(OrderState.Empty(order.Key.EntityId), order).State;

    [Fact]
    public void An_order_journaled_before_addresses_existed_delivered_again_with_them_is_a_duplicate_and_keeps_what_it_was_journaled_with()
    {
        var before = Order("R-1", Guest, addresses: null);
        var state = Received(before);

        var (after, decision) = Submit(state, before with { Addresses = Both(Vienna, Hamburg) });

        Assert.Equal(CommandResultCode.Duplicate, decision.Reply!.Code);
        Assert.Empty(decision.Events);
        Assert.Null(after.Order!.Addresses);
        Assert.Equal(before.Fingerprint(), (before with { Addresses = Both(Vienna, Hamburg) }).Fingerprint());
    }

    [Fact]
    public void The_same_addresses_delivered_again_or_none_at_all_are_a_duplicate()
    {
        var order = Order("R-2", Guest, Both(Vienna, Hamburg));
        var state = Received(order);

        Assert.Equal(CommandResultCode.Duplicate, Submit(state, order with { Addresses = Both(Vienna, Hamburg) }).Decision.Reply!.Code);
        Assert.Equal(CommandResultCode.Duplicate, Submit(state, order with { Addresses = null }).Decision.Reply!.Code);
    }

    [Fact]
    public void A_changed_address_on_an_order_already_on_its_way_to_SAP_is_a_conflict()
    {
        var order = Order("R-3", Guest, Both(Vienna, Hamburg));
        var state = Received(order);
        Assert.Equal(OrderStatus.Validated, state.Status);

        var moved = order with { Addresses = Both(Vienna, Hamburg with { Street = "Jungfernstieg 2" }) };
        Assert.Equal(CommandResultCode.Conflict, Submit(state, moved).Decision.Reply!.Code);
        var posted = state.ProcessEvent(new OrderPosted(state.OrderId, 12, 12, false, Now));
        Assert.Equal(CommandResultCode.Conflict, Submit(posted, moved).Decision.Reply!.Code);
        // So is another line moved to another destination.
        var otherLine = order with { Lines = [order.Lines[0], order.Lines[1] with { ShipToId = "2" }] };
        Assert.Equal(CommandResultCode.Conflict, Submit(state, otherLine).Decision.Reply!.Code);
    }

    [Fact]
    public void Different_content_stays_a_conflict_whatever_the_addresses()
    {
        var order = Order("R-4", Guest, Both(Vienna, Hamburg));
        var state = Received(order);
        Assert.Equal(CommandResultCode.Conflict, Submit(state, order with { TotalPaid = 51.30m }).Decision.Reply!.Code);
    }

    [Fact]
    public void An_order_parked_for_its_address_delivered_again_with_the_corrected_address_is_checked_again_and_goes_to_SAP()
    {
        var order = Order("R-5", Guest, Both(Vienna, Austin with { Region = "Texsa" }));
        var parked = Received(order);
        Assert.Equal(OrderStatus.Quarantined, parked.Status);
        Assert.Equal(ExceptionTypes.InvalidAddressType, parked.Exception!.Type);

        var corrected = order with { Addresses = Both(Vienna, Austin) };
        var (state, decision) = Submit(parked, corrected);

        Assert.Equal(CommandResultCode.Accepted, decision.Reply!.Code);
        Assert.IsType<OrderCorrected>(decision.Events[0]);
        Assert.IsType<OrderValidated>(decision.Events[1]);
        Assert.Equal(NextStep.LookUpNow, decision.Next);
        Assert.Equal(OrderStatus.Validated, state.Status);
        Assert.Equal("TX", state.Document!.AddressExtension!.ShipToState);
        // The correction is now the journaled order: the same delivery again is a duplicate.
        Assert.Equal(CommandResultCode.Duplicate, Submit(state, corrected).Decision.Reply!.Code);
    }

    [Fact]
    public void A_correction_that_is_still_wrong_stays_parked_with_the_new_problem()
    {
        var order = Order("R-6", Guest, Both(Vienna, Austin with { Region = "Texsa" }));
        var (state, decision) = Submit(Received(order), order with { Addresses = Both(Vienna, Austin with { City = null }) });

        Assert.Equal(OrderStatus.Quarantined, state.Status);
        Assert.Contains("the city is missing", state.Exception!.Reason);
        Assert.Contains("still parked", decision.Reply!.Message);
    }
}
