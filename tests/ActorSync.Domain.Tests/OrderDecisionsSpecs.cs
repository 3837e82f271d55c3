using ActorSync.Domain.Documents;
using ActorSync.Domain.Exceptions;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Tests;

public class OrderDecisionsSpecs
{
    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));

    private static OrderState Apply(OrderState state, OrderDecision decision) => decision.Events.Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static OrderState Validated(ChannelOrder? order = null)
    {
        order ??= OrderFixtures.WebOrder();
        var state = OrderState.Empty(order.Key.EntityId);
        return Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Mapping, Now));
    }

    [Fact]
    public void A_new_order_is_received_validated_and_asks_to_post()
    {
        var order = OrderFixtures.WebOrder();
        var decision = OrderState.Empty(order.Key.EntityId).ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Mapping, Now);

        Assert.Collection(decision.Events, e => Assert.IsType<OrderReceived>(e), e => Assert.IsType<OrderValidated>(e));
        Assert.Equal(CommandResultCode.Accepted, decision.Reply!.Code);
        Assert.IsType<NextStep.Post>(decision.Next);
        var document = ((OrderValidated)decision.Events[1]).Document;
        Assert.Equal("MAGENTO-1001", document.NumAtCard);
        Assert.Equal("WEBGUEST", document.CardCode);
        Assert.Equal("O1", document.DocumentLines[0].VatGroup);
        Assert.Equal(1, document.TransportationCode);
    }

    [Fact]
    public void The_same_order_delivered_twice_is_a_no_op()
    {
        var state = Validated();
        var again = state.ProcessCommand(new OrderCommands.SubmitOrder(state.OrderId, OrderFixtures.WebOrder()), Mapping, Now);

        Assert.Empty(again.Events);
        Assert.Equal(CommandResultCode.Duplicate, again.Reply!.Code);
        Assert.IsType<NextStep.Nothing>(again.Next);
    }

    [Fact]
    public void A_changed_order_with_the_same_id_is_reported_as_a_conflict_and_not_applied()
    {
        var state = Validated();
        var changed = state.ProcessCommand(new OrderCommands.SubmitOrder(state.OrderId, OrderFixtures.WebOrder(qty: 5)), Mapping, Now);

        Assert.Empty(changed.Events);
        Assert.Equal(CommandResultCode.Conflict, changed.Reply!.Code);
    }

    [Fact]
    public void An_unmapped_tax_rate_parks_the_order_with_finance_as_owner()
    {
        var order = OrderFixtures.WebOrder(taxRate: 17.5m);
        var decision = OrderState.Empty(order.Key.EntityId).ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Mapping, Now);

        var parked = Assert.IsType<OrderQuarantined>(decision.Events[1]);
        Assert.Equal(OwningTeam.Finance, parked.Exception.Team);
        Assert.Contains("17.5", parked.Exception.Reason);
        Assert.IsType<NextStep.Nothing>(decision.Next);
    }

    [Fact]
    public void A_created_answer_posts_the_order()
    {
        var state = Apply(Validated(), Validated().ProcessOutcome(new PostOutcome.Created(7, 107), Policy, Now, 0.5));

        Assert.Equal(OrderStatus.Posted, state.Status);
        Assert.Equal(7, state.DocEntry);
        Assert.Equal(107, state.DocNum);
    }

    [Fact]
    public void Lock_conflicts_wait_with_growing_delays_then_park_after_the_limit()
    {
        var state = Validated();
        var locked = new PostOutcome.Rejected(RejectionKind.LockConflict, "-2039", "Another user modified data");

        var first = state.ProcessOutcome(locked, Policy, Now, 0.0);
        state = Apply(state, first);
        var second = state.ProcessOutcome(locked, Policy, Now.AddSeconds(1), 0.0);
        state = Apply(state, second);
        var third = state.ProcessOutcome(locked, Policy, Now.AddSeconds(3), 0.0);
        state = Apply(state, third);

        var wait1 = Assert.IsType<NextStep.Wait>(first.Next);
        var wait2 = Assert.IsType<NextStep.Wait>(second.Next);
        Assert.True(wait2.Delay > wait1.Delay);
        Assert.IsType<NextStep.Post>(wait1.Then);
        Assert.Equal(OrderStatus.Quarantined, state.Status);
        Assert.Equal("lock-timeout", state.Exception!.Type);
        Assert.Equal(OwningTeam.Operations, state.Exception.Team);
    }

    [Fact]
    public void Lock_conflicts_park_when_the_time_limit_passes_even_before_the_attempt_limit()
    {
        var policy = Policy with { MaxAttempts = 100, MaxElapsed = TimeSpan.FromMinutes(1) };
        var locked = new PostOutcome.Rejected(RejectionKind.LockConflict, "-2039", "locked");
        var state = Apply(Validated(), Validated().ProcessOutcome(locked, policy, Now, 0.5));

        state = Apply(state, state.ProcessOutcome(locked, policy, Now.AddMinutes(2), 0.5));

        Assert.Equal(OrderStatus.Quarantined, state.Status);
    }

    [Fact]
    public void A_validation_rejection_parks_the_order_with_sap_s_message()
    {
        var state = Validated();
        state = Apply(state, state.ProcessOutcome(new PostOutcome.Rejected(RejectionKind.Validation, "-10", "10001069 - Item ITM00001 is inactive"), Policy, Now, 0));

        Assert.Equal(OrderStatus.Quarantined, state.Status);
        Assert.Contains("10001069", state.Exception!.Reason);
    }

    [Fact]
    public void An_uncertain_outcome_looks_up_before_posting_again()
    {
        var decision = Validated().ProcessOutcome(new PostOutcome.Uncertain("connection dropped"), Policy, Now, 0);

        Assert.Empty(decision.Events);
        Assert.IsType<NextStep.LookUp>(decision.Next);
    }

    [Fact]
    public void A_look_up_that_finds_the_document_posts_without_sending_again()
    {
        var decision = Validated().ProcessLookup(new LookupOutcome.Found(9, 109), Now);

        var posted = Assert.IsType<OrderPosted>(Assert.Single(decision.Events));
        Assert.True(posted.FoundByLookup);
        Assert.IsType<NextStep.Nothing>(decision.Next);
    }

    [Fact]
    public void A_look_up_that_finds_nothing_posts_now()
    {
        Assert.IsType<NextStep.Post>(Validated().ProcessLookup(new LookupOutcome.Absent(), Now).Next);
    }

    [Fact]
    public void Not_applied_waits_for_the_hint_sap_or_the_circuit_gave()
    {
        var wait = Assert.IsType<NextStep.Wait>(Validated().ProcessOutcome(new PostOutcome.NotApplied("circuit open", TimeSpan.FromSeconds(9)), Policy, Now, 0).Next);
        Assert.Equal(TimeSpan.FromSeconds(9), wait.Delay);
    }

    [Fact]
    public void A_recovered_unposted_order_looks_up_first_and_a_posted_one_does_nothing()
    {
        var validated = Validated();
        var posted = Apply(validated, validated.ProcessOutcome(new PostOutcome.Created(1, 1), Policy, Now, 0));

        Assert.IsType<NextStep.LookUp>(validated.OnRecovery());
        Assert.IsType<NextStep.Nothing>(posted.OnRecovery());
    }

    [Fact]
    public void A_late_answer_for_a_posted_order_changes_nothing()
    {
        var validated = Validated();
        var posted = Apply(validated, validated.ProcessOutcome(new PostOutcome.Created(1, 1), Policy, Now, 0));

        Assert.Empty(posted.ProcessOutcome(new PostOutcome.Created(2, 2), Policy, Now, 0).Events);
        Assert.Empty(posted.ProcessLookup(new LookupOutcome.Found(2, 2), Now).Events);
    }

    [Fact]
    public void Retrying_a_quarantined_order_rebuilds_with_the_fixed_mapping_and_looks_up_first()
    {
        var order = OrderFixtures.WebOrder(taxRate: 17.5m);
        var state = OrderState.Empty(order.Key.EntityId);
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Mapping, Now));
        var fixedMapping = Mapping with { VatGroupsByRate = Mapping.VatGroupsByRate.Add(17.5m, "O1") };

        var stillBroken = state.ProcessCommand(new OrderCommands.RetryOrder(state.OrderId), Mapping, Now);
        var retried = state.ProcessCommand(new OrderCommands.RetryOrder(state.OrderId), fixedMapping, Now);

        Assert.Equal(CommandResultCode.Rejected, stillBroken.Reply!.Code);
        Assert.Equal(CommandResultCode.Accepted, retried.Reply!.Code);
        Assert.IsType<NextStep.LookUp>(retried.Next);
        Assert.Equal(OrderStatus.Validated, Apply(state, retried).Status);
    }

    [Fact]
    public void An_order_id_that_does_not_match_the_payload_is_rejected()
    {
        var decision = OrderState.Empty("magento:999").ProcessCommand(new OrderCommands.SubmitOrder("magento:999", OrderFixtures.WebOrder()), Mapping, Now);
        Assert.Equal(CommandResultCode.Rejected, decision.Reply!.Code);
        Assert.Empty(decision.Events);
    }
}
