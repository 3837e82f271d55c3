using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Tests.Validation;
using static ActorSync.Domain.Orders.OrderEvents;
using static ActorSync.Domain.Tests.Addresses.AddressFixtures;

namespace ActorSync.Domain.Tests;

/// <summary>
/// What an order's sender and operator are told (accepted, parked and why, duplicate, conflict, still failing) and
/// what the order does next after SAP's answers and after a restart.
/// </summary>
public class OrderDecisionReplySpecs
{
    private static readonly DateTimeOffset Now = new(2030, 1, 15, 10, 0, 0, TimeSpan.Zero);
    private static readonly LockRetryPolicy Policy = new(3, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30), TimeSpan.FromMinutes(10));
    private static readonly OrderMapping Mapping = TestCompany.Mapping();

    private static ChannelOrder AnOrder(string id = "100000451", CustomerRef? customer = null) =>
        new("magento", id, new DateOnly(2030, 1, 14), "EUR", customer ?? new CustomerRef("ann@example.com", null, true),
            [new OrderLine("ITM00001", 2, 10.15m, 4.06m, 20m), new OrderLine("ITM00002", 1, 19.99m, 1.00m, 5m)], 4.95m, 0.99m, 51.29m, "flatrate_flatrate");

    private static OrderState Apply(OrderState state, OrderDecision decision) =>
        state.StampProgress(decision.Events).Aggregate(state, (s, e) => s.ProcessEvent(e));

    private static OrderDecision Submit(OrderState state, ChannelOrder order, string? id = null, OrderMapping? mapping = null, bool masterData = true) =>
        state.ProcessCommand(new OrderCommands.SubmitOrder(id ?? order.Key.EntityId, order), mapping ?? Mapping, Now, masterData ? TestCompany.Snapshot() : null);

    private static OrderState Received(ChannelOrder order, OrderMapping? mapping = null, bool masterData = true)
    {
        var empty = OrderState.Empty(order.Key.EntityId);
        return Apply(empty, Submit(empty, order, mapping: mapping, masterData: masterData));
    }

    [Fact]
    public void The_sender_is_told_whether_the_order_was_accepted_parked_or_is_waiting()
    {
        var empty = OrderState.Empty("magento:100000451");
        var registered = new CustomerRef("customer1@example.com", "101", false);

        Assert.Equal((CommandResultCode.Accepted, "Accepted."), Reply(Submit(empty, AnOrder())));
        Assert.Equal("Accepted; waiting for SAP's master data to match the customer.", Reply(Submit(empty, AnOrder(customer: registered), masterData: false)).Message);
        var parked = Reply(Submit(empty, AnOrder() with { Lines = [new OrderLine("ITM00001", 2, 10.15m, 3.86m, 19m)], TotalPaid = 30.10m }));
        Assert.Equal("Accepted and parked: Order magento:100000451, line 1 (ITM00001): tax rate 19 % has no Mapping:VatGroups:19.", parked.Message);
    }

    private static (CommandResultCode Code, string Message) Reply(OrderDecision decision) => (decision.Reply!.Code, decision.Reply.Message);

    [Fact]
    public void The_same_order_again_is_a_duplicate_other_content_a_conflict_and_a_mismatched_id_a_refusal()
    {
        var state = Received(AnOrder());

        Assert.Equal((CommandResultCode.Duplicate, "Order magento:100000451 was already accepted; nothing to do."), Reply(Submit(state, AnOrder())));
        Assert.Equal((CommandResultCode.Conflict, "Order magento:100000451 was already accepted with different content; the change was not applied."),
            Reply(Submit(state, AnOrder() with { TotalPaid = 51.30m })));
        Assert.Equal((CommandResultCode.Rejected, "Order id magento:100000452 does not match the order's channel and id (magento:100000451)."),
            Reply(Submit(OrderState.Empty("magento:100000452"), AnOrder(), "magento:100000452")));
    }

    [Fact]
    public void Every_problem_of_an_order_is_in_the_one_exception()
    {
        var twoRates = AnOrder() with { Lines = [new OrderLine("ITM00001", 2, 10.15m, 3.86m, 19m), new OrderLine("ITM00002", 1, 19.99m, 1.40m, 7m)], TotalPaid = 51.49m };

        var quarantined = Assert.IsType<OrderQuarantined>(Submit(OrderState.Empty("magento:100000451"), twoRates).Events[1]);

        Assert.Equal("Order magento:100000451, line 1 (ITM00001): tax rate 19 % has no Mapping:VatGroups:19. Also: Order magento:100000451, line 2 (ITM00002): tax rate 7 % has no Mapping:VatGroups:7.",
            quarantined.Exception.Reason);
    }

    [Fact]
    public void An_order_past_its_check_is_not_checked_again()
    {
        var validated = Received(AnOrder());
        Assert.Equal(OrderStatus.Validated, validated.Status);

        var again = validated.Validate(Mapping, TestCompany.Snapshot(), Now);

        Assert.Empty(again.Events);
        Assert.Same(NextStep.None, again.Next);
    }

    [Fact]
    public void A_new_partner_is_named_after_the_customer_else_the_buyer_else_the_email()
    {
        var mapping = Mapping with { CreateMissingCustomers = ["magento"] };
        var stranger = new CustomerRef("new.shopper@example.com", null, false);
        var withBuyer = AnOrder() with { Customer = stranger, Addresses = Both(Vienna, Hamburg, new OrderBuyer(null, "Gruber KG", "new.shopper@example.com")) };

        Assert.Equal("Jane Doe", Received(AnOrder(customer: stranger with { Name = "Jane Doe" }), mapping).CustomerToCreate!.CardName);
        Assert.Equal("Gruber KG", Received(withBuyer, mapping).CustomerToCreate!.CardName);
        Assert.Equal("new.shopper@example.com", Received(AnOrder(customer: stranger), mapping).CustomerToCreate!.CardName);
    }

    [Fact]
    public void A_retry_of_an_order_that_is_not_parked_says_why_nothing_happens()
    {
        var posted = Received(AnOrder());

        Assert.Equal((CommandResultCode.NotFound, "No order magento:1."),
            Reply(OrderState.Empty("magento:1").ProcessCommand(new OrderCommands.RetryOrder("magento:1"), Mapping, Now)));
        Assert.Equal((CommandResultCode.Rejected, "Order magento:100000451 is Validated, not quarantined."),
            Reply(posted.ProcessCommand(new OrderCommands.RetryOrder("magento:100000451"), Mapping, Now, TestCompany.Snapshot())));
    }

    [Fact]
    public void A_retry_of_a_parked_order_says_whether_it_still_fails_waits_for_master_data_or_goes()
    {
        var unmapped = AnOrder() with { Location = "9" };
        var parked = Received(unmapped);
        var fixedMapping = Mapping with
        {
            Locations = Mapping.Locations.SetItem("magento", System.Collections.Immutable.ImmutableDictionary<string, ActorSync.Domain.Mapping.ChannelLocation>.Empty
                .Add("9", new ActorSync.Domain.Mapping.ChannelLocation("01", ["01"], 0m))),
        };
        var retry = new OrderCommands.RetryOrder("magento:100000451");

        Assert.Equal((CommandResultCode.Rejected, "Still failing: Order magento:100000451: magento location '9' has no Mapping:Channels:magento:Locations:9:Warehouse."),
            Reply(parked.ProcessCommand(retry, Mapping, Now, TestCompany.Snapshot())));
        var registered = Received(unmapped with { Customer = new CustomerRef("customer1@example.com", "101", false) });
        Assert.Equal((CommandResultCode.Rejected, "SAP's master data is not loaded yet, so the customer cannot be matched; try again shortly."),
            Reply(registered.ProcessCommand(retry, fixedMapping, Now)));
        var released = parked.ProcessCommand(retry, fixedMapping, Now, TestCompany.Snapshot());
        Assert.Equal((CommandResultCode.Accepted, "Released for another attempt."), Reply(released));
        Assert.IsType<NextStep.LookUp>(released.Next);
    }

    [Fact]
    public void A_sales_order_posted_with_dispatches_waiting_goes_on_to_them_at_once()
    {
        var validated = Received(AnOrder());
        var waiting = Apply(validated, validated.ProcessCommand(new OrderCommands.RecordDispatch("magento:100000451",
            new DispatchConfirmation("magento", "100000451", "SH-1", [new DispatchLine("ITM00001", 2)], new DateOnly(2030, 1, 15))), Now));

        Assert.IsType<NextStep.Post>(waiting.ProcessOutcome(new PostOutcome.Created(410, 1410), Policy, Now, 0).Next);
        Assert.Same(NextStep.None, validated.ProcessOutcome(new PostOutcome.Created(410, 1410), Policy, Now, 0).Next);
    }

    [Fact]
    public void A_new_partner_s_creation_is_journaled_as_created_or_already_there_and_a_refusal_parks_with_sap_s_words()
    {
        var mapping = Mapping with { CreateMissingCustomers = ["magento"] };
        var state = Received(AnOrder(customer: new CustomerRef("new.shopper@example.com", null, false)), mapping);
        var code = state.CustomerToCreate!.CardCode;

        var created = Assert.IsType<CustomerCreated>(Assert.Single(state.ProcessOutcome(new PostOutcome.Created(0, 0), Policy, Now, 0).Events));
        var existed = Assert.IsType<CustomerCreated>(Assert.Single(state.ProcessOutcome(new PostOutcome.Rejected(RejectionKind.Duplicate, "-2035", "This entry already exists"), Policy, Now, 0).Events));
        var refused = Assert.IsType<OrderQuarantined>(Assert.Single(state.ProcessOutcome(new PostOutcome.Rejected(RejectionKind.Validation, "-10", "Invalid e-mail"), Policy, Now, 0).Events));
        var busy = state.ProcessOutcome(new PostOutcome.NotApplied("SAP is busy", TimeSpan.FromSeconds(42)), Policy, Now, 0);

        Assert.False(created.AlreadyExisted);
        Assert.True(existed.AlreadyExisted);
        Assert.Equal($"SAP answered -10: creating customer {code}: Invalid e-mail", refused.Exception.Reason);
        Assert.Equal(new NextStep.Wait(TimeSpan.FromSeconds(42), NextStep.PostNow), busy.Next);
    }

    [Fact]
    public void After_a_restart_an_order_sends_a_pending_action_again_but_looks_a_document_up_first()
    {
        var validated = Received(AnOrder());
        var posted = Apply(validated, validated.ProcessOutcome(new PostOutcome.Created(410, 1410), Policy, Now, 0));
        var cancelling = Apply(posted, posted.ProcessCommand(new OrderCommands.CancelOrder("magento:100000451", new OrderCancellation("magento", "100000451")), Now));
        var delivering = Apply(posted, posted.ProcessCommand(new OrderCommands.RecordDispatch("magento:100000451",
            new DispatchConfirmation("magento", "100000451", "SH-1", [new DispatchLine("ITM00001", 2)], new DateOnly(2030, 1, 15))), Now));

        Assert.IsType<NextStep.Post>(cancelling.OnRecovery());
        Assert.IsType<NextStep.LookUp>(delivering.OnRecovery());
        Assert.IsType<NextStep.LookUp>(validated.OnRecovery());
    }

    [Fact]
    public void An_order_has_parked_work_while_it_is_quarantined_or_one_of_its_jobs_is_parked()
    {
        var validated = Received(AnOrder());
        var posted = Apply(validated, validated.ProcessOutcome(new PostOutcome.Created(410, 1410), Policy, Now, 0));
        var delivering = Apply(posted, posted.ProcessCommand(new OrderCommands.RecordDispatch("magento:100000451",
            new DispatchConfirmation("magento", "100000451", "SH-1", [new DispatchLine("ITM00001", 2)], new DateOnly(2030, 1, 15))), Now));
        var parkedJob = Apply(delivering, delivering.ProcessOutcome(new PostOutcome.Rejected(RejectionKind.Validation, "-4014", "batch missing"), Policy, Now, 0));
        var quarantined = Received(AnOrder() with { Location = "9" });

        Assert.False(posted.HasParkedWork);
        Assert.False(delivering.HasParkedWork);
        Assert.True(parkedJob.HasParkedWork);
        Assert.True(quarantined.HasParkedWork);
    }
}
