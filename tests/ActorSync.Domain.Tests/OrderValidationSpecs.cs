using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
using ActorSync.Domain.Posting;
using ActorSync.Domain.Validation;
using static ActorSync.Domain.Orders.OrderEvents;

namespace ActorSync.Domain.Tests;

public class OrderValidationSpecs
{
    private static readonly OrderMapping Mapping = OrderMapping.ForDemoCompany("magento");
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    private static readonly MasterDataSnapshot MasterData = new()
    {
        Items = new Dictionary<string, ItemMasterData> { ["ITM00001"] = new("ITM00001"), ["ITM00009"] = new("ITM00009", Active: false) }.ToImmutableDictionary(),
        BusinessPartners = new Dictionary<string, BusinessPartnerMasterData>
        {
            ["C00007"] = new("C00007", EmailAddress: "known@example.com"), ["WEBGUEST"] = new("WEBGUEST"),
        }.ToImmutableDictionary(),
        VatGroups = new Dictionary<string, VatGroupMasterData> { ["O1"] = new("O1", 20m) }.ToImmutableDictionary(),
        ShippingTypes = new Dictionary<int, string> { [1] = "Standard" }.ToImmutableDictionary(),
        Warehouses = new Dictionary<string, WarehouseMasterData> { ["01"] = new("01") }.ToImmutableDictionary(),
    };

    private static ChannelOrder Order(string sku = "ITM00001", string? email = null) =>
        OrderFixtures.WebOrder(sku: sku) with { Customer = new CustomerRef(email, null, IsGuest: email is null) };

    private static OrderDecision Submit(ChannelOrder order, MasterDataSnapshot? masterData) =>
        OrderState.Empty(order.Key.EntityId).ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), Mapping, Now, masterData);

    private static OrderState Apply(OrderState state, OrderDecision decision) => decision.Events.Aggregate(state, (s, e) => s.ProcessEvent(e));

    [Fact]
    public void A_registered_customer_is_matched_by_email_to_their_business_partner()
    {
        var decision = Submit(Order(email: "KNOWN@example.com"), MasterData);

        Assert.Equal("C00007", Assert.IsType<OrderValidated>(decision.Events[1]).Document.CardCode);
    }

    [Fact]
    public void A_registered_customer_unknown_to_sap_parks_for_customer_service()
    {
        var decision = Submit(Order(email: "stranger@example.com"), MasterData);

        var parked = Assert.IsType<OrderQuarantined>(decision.Events[1]);
        Assert.Equal("unknown-customer", parked.Exception.Type);
    }

    [Fact]
    public void Without_master_data_a_registered_customer_waits_instead_of_guessing_and_a_guest_goes_ahead()
    {
        var registered = Submit(Order(email: "known@example.com"), null);
        var guest = Submit(Order(), null);

        Assert.IsType<OrderReceived>(Assert.Single(registered.Events));
        Assert.IsType<NextStep.Post>(Assert.IsType<NextStep.Wait>(registered.Next).Then);
        Assert.True(Apply(OrderState.Empty("magento:1001"), registered).HasUnfinishedWork);
        Assert.IsType<NextStep.Post>(Apply(OrderState.Empty("magento:1001"), registered).OnRecovery());
        Assert.Equal("WEBGUEST", Assert.IsType<OrderValidated>(guest.Events[1]).Document.CardCode);
    }

    [Fact]
    public void An_inactive_item_parks_before_anything_is_sent_to_sap()
    {
        var decision = Submit(Order(sku: "ITM00009"), MasterData);

        var parked = Assert.IsType<OrderQuarantined>(decision.Events[1]);
        Assert.Contains("ITM00009", parked.Exception.Reason);
        Assert.IsType<NextStep.Nothing>(decision.Next);
    }

    [Fact]
    public void Retrying_after_sap_s_master_data_was_fixed_validates_and_looks_up_first()
    {
        var order = Order(sku: "ITM00009");
        var state = Apply(OrderState.Empty(order.Key.EntityId), Submit(order, MasterData));
        var fixedData = MasterData with { Items = MasterData.Items.SetItem("ITM00009", new ItemMasterData("ITM00009")) };

        var stillBroken = state.ProcessCommand(new OrderCommands.RetryOrder(state.OrderId), Mapping, Now, MasterData);
        var retried = state.ProcessCommand(new OrderCommands.RetryOrder(state.OrderId), Mapping, Now, fixedData);

        Assert.Equal(CommandResultCode.Rejected, stillBroken.Reply!.Code);
        Assert.Equal(CommandResultCode.Accepted, retried.Reply!.Code);
        Assert.IsType<NextStep.LookUp>(retried.Next);
        Assert.Equal(OrderStatus.Validated, Apply(state, retried).Status);
    }

    [Fact]
    public void A_new_registered_customer_gets_a_business_partner_created_first_when_the_channel_allows_it()
    {
        var mapping = Mapping with { CreateMissingCustomers = ["magento"] };
        var order = Order(email: "New.Shopper@example.com");
        var state = OrderState.Empty(order.Key.EntityId);
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), mapping, Now, MasterData));

        var code = SapBusinessPartner.CodeFor("magento", "new.shopper@example.com");
        Assert.Equal(code, state.Document!.CardCode);
        var first = state.CurrentWork()!;
        Assert.Equal(("customer", "BusinessPartners", RequestKind.MasterData), (first.Key, first.Path, first.Kind));
        Assert.Equal(new LookUpKey("BusinessPartners", "CardCode", code), first.LookUp);
        Assert.Equal("new.shopper@example.com", Assert.IsType<SapBusinessPartner>(first.Body).EmailAddress, ignoreCase: true);
        Assert.IsType<NextStep.Post>(state.OnRecovery());

        var created = state.ProcessOutcome(new PostOutcome.Applied(), LockRetryPolicy.Default, Now, 0);
        state = Apply(state, created);
        Assert.IsType<CustomerCreated>(Assert.Single(created.Events));
        Assert.IsType<NextStep.Post>(created.Next);
        Assert.Equal(("order", "Orders"), (state.CurrentWork()!.Key, state.CurrentWork()!.Path));
    }

    [Fact]
    public void A_business_partner_that_already_exists_counts_as_created_and_a_lost_answer_is_simply_sent_again()
    {
        var mapping = Mapping with { CreateMissingCustomers = ["magento"] };
        var order = Order(email: "again@example.com");
        var state = OrderState.Empty(order.Key.EntityId);
        state = Apply(state, state.ProcessCommand(new OrderCommands.SubmitOrder(order.Key.EntityId, order), mapping, Now, MasterData));

        var lost = state.ProcessOutcome(new PostOutcome.Uncertain("connection dropped"), LockRetryPolicy.Default, Now, 0);
        var lookedUp = state.ProcessLookup(new LookupOutcome.Absent(), Now);
        var duplicate = state.ProcessOutcome(new PostOutcome.Rejected(RejectionKind.Duplicate, "-2035", "This entry already exists"), LockRetryPolicy.Default, Now, 0);

        Assert.IsType<NextStep.Post>(Assert.IsType<NextStep.Wait>(lost.Next).Then);
        Assert.IsType<NextStep.Post>(lookedUp.Next);
        Assert.True(Assert.IsType<CustomerCreated>(Assert.Single(duplicate.Events)).AlreadyExisted);
    }

    [Fact]
    public void Codes_for_new_customers_are_stable_per_channel_and_email_and_fit_sap()
    {
        var a = SapBusinessPartner.CodeFor("magento", "Ann@Example.com ");
        Assert.Equal(a, SapBusinessPartner.CodeFor("MAGENTO", "ann@example.com"));
        Assert.NotEqual(a, SapBusinessPartner.CodeFor("bigcommerce", "ann@example.com"));
        Assert.InRange(a.Length, 1, 15);
    }
}
