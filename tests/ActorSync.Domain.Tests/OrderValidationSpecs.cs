using System.Collections.Immutable;
using ActorSync.Domain.Documents;
using ActorSync.Domain.Orders;
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
        Assert.IsType<NextStep.Validate>(Assert.IsType<NextStep.Wait>(registered.Next).Then);
        Assert.True(Apply(OrderState.Empty("magento:1001"), registered).HasUnfinishedWork);
        Assert.IsType<NextStep.Validate>(Apply(OrderState.Empty("magento:1001"), registered).OnRecovery());
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
}
